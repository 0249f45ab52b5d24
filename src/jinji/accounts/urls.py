from django.urls import path

from jinji.accounts import manage_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("totp/setup/", views.totp_setup, name="totp_setup"),
    path("totp/verify/", views.totp_verify, name="totp_verify"),
    path("users/", manage_views.user_list, name="user_list"),
    path("users/new/", manage_views.user_create, name="user_create"),
    path("users/<int:user_id>/", manage_views.user_detail, name="user_detail"),
    path("users/<int:user_id>/grants/", manage_views.grant_add, name="grant_add"),
    path("users/<int:user_id>/unlock/", manage_views.user_unlock, name="user_unlock"),
    path("users/<int:user_id>/active/", manage_views.user_set_active, name="user_set_active"),
    path("users/<int:user_id>/password/", manage_views.user_password_reset, name="user_password_reset"),
    path("users/<int:user_id>/totp-reset/", manage_views.user_totp_reset, name="user_totp_reset"),
    path("users/<int:user_id>/tokens/", manage_views.token_issue, name="token_issue"),
    path("grants/<int:grant_id>/end/", manage_views.grant_end, name="grant_end"),
    path("tokens/<int:token_id>/revoke/", manage_views.token_revoke, name="token_revoke"),
]
