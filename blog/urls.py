from django.urls import path, register_converter

from blog import views
from blog.converters import MonthConverter, YearConverter

register_converter(YearConverter, "year")
register_converter(MonthConverter, "month")

app_name = "blog"

urlpatterns = [
    path("", views.post_list, name="post_list"),
    # /post/<slug>/ is the path Wix used, so links to the old site keep working.
    path("post/<slug:slug>/", views.post_detail, name="post_detail"),
    path("post/<slug:slug>/comments/", views.comment_create, name="comment_create"),
    path("post/<slug:slug>/view/", views.view_record, name="view_record"),
    path("post/<slug:slug>/view.gif", views.view_pixel, name="view_pixel"),
    path("about/views/", views.views_explained, name="views_explained"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/stop-mail/<str:token>/", views.comment_unsubscribe, name="comment_unsubscribe"),
    path("search/", views.post_search, name="search"),
    path("archive/<year:year>/<month:month>/", views.post_archive_month, name="archive_month"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
]
