"""Screens of the 庶務事務 app: 申請・届出 forms, 添付書類, and the 認定簿."""
