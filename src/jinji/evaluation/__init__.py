"""人事評価 (issue 7): 能力評価・業績評価 cycles, sheet templates (the national model shared),
goals, the stages 自己評価 → 一次評価 → 二次評価 → 調整 → 確定 with 面談, 開示 and 苦情, the HR
dashboard, and the link to pay (成績率の区分 for the bonus run, 昇給 proposed as a 発令バッチ).

Why a stage machine here rather than the workflow engine (:mod:`jinji.workflow`): each stage is
data entry by one named person (ratings, comments), not an approve/decline of a finished
application; the people are fixed per sheet from the org tree as of the cycle's 評価基準日 (with
HR overrides), not resolved from the applicant's unit at submission; a cycle opens thousands of
sheets at once, and the engine's instances, step states and tasks would triple the rows for no
gain; and 確定 → 再開 (a recorded reopening) is not an engine concept. So every transition is a
service here that locks the sheet row, checks the actor's part on the sheet
(:mod:`jinji.evaluation.permissions`), writes a :class:`~jinji.evaluation.models.StageTransition`
and an audit event in the same transaction. The 発令 that results (昇給) go through the personnel
services, where HR confirms them like any other 発令バッチ.
"""
