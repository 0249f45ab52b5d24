"""The approval engine (ワークフロー): definitions, instances, tasks and their actions.

It sits below the domain apps: it imports none of them. Domain apps register their
application types (what happens on final approval) and the approver resolvers and
directory questions that need the org tree (see :mod:`jinji.workflow.registry`).
"""
