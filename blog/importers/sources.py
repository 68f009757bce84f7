"""The sources an import reads, by the name the command and the Import page give them."""

from blog.importers.ghost import GhostExport
from blog.importers.site import SiteExport
from blog.importers.wix import WixExport
from blog.importers.wordpress import WordPressExport

SOURCES = {
    "ghost": GhostExport, "site": SiteExport, "wix": WixExport, "wordpress": WordPressExport,
}  # fmt: skip
