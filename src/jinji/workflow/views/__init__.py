"""Screens of the approval engine: 承認待ち (inbox), 申請一覧, 所属の申請, 申請の詳細, お知らせ, 承認ルート."""
