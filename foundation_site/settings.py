"""The only settings module. Every difference between a laptop and production is an
environment variable whose default works on a laptop; README.md lists them all."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-local-only")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "blog.views.csrf_failure"

# The foundation's name, shown in the site header, page titles and the admin.
SITE_NAME = os.environ.get("SITE_NAME", "Bridges for Peace Foundation")
# The public address, for links in feeds, the sitemap, canonical and share links, and
# mail sent outside a request. Unset, it is the local demo's own: the port `make run`
# serves on, so `PORT=8080 make run` links to :8080, not to a server that is not there.
SITE_URL = (
    os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
).rstrip("/")
# The default tagline reads in each page's language; one set here is shown as written.
SITE_TAGLINE = os.environ.get("SITE_TAGLINE") or gettext_lazy(
    "Writing about peace and dialogue in the region"
)

INSTALLED_APPS = [
    "blog.apps.FoundationAdminConfig",  # django.contrib.admin, with two-factor sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # For its sitemap.xml template; addresses come from SITE_URL, not django.contrib.sites.
    "django.contrib.sitemaps",
    "taggit",
    "django_tasks_db",
    "reversion",
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "blog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "blog.operations.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out compressed (static files already are, by whitenoise). Django pads the
    # compressed body at random, which blunts BREACH against the CSRF token in forms.
    "django.middleware.gzip.GZipMiddleware",
    # ETag and Last-Modified answered with 304; below GZip so the ETag is of the page,
    # not of one (randomly padded) compression of it.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address (/ru/…), before URLs resolve: blog/public/languages.py.
    "blog.public.languages.reader_language",
    "django.middleware.common.CommonMiddleware",
    # Below CommonMiddleware: an old address without its slash is redirected once, to its
    # new page, not first to itself with a slash.
    "blog.public.redirects.redirect_old_addresses",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with its own page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "foundation_site.urls"
WSGI_APPLICATION = "foundation_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blog.public.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(  # DATABASE_URL, else the embedded SQLite file
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a comment is written; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock between gunicorn workers.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
    # Tests use a file, not Django's in-memory default: in memory, SQLite locks whole
    # tables between threads and ignores the timeout, unlike the file the site runs on.
    # One per process, so that two test runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"foundation-test-{os.getpid()}.sqlite3")
    }
elif env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # PostgreSQL plans a query each time it gets its text: 2 ms for an article's main
    # query, more than running it. Values sent apart from the SQL (server-side binding)
    # keep the text the same, and a threshold (Django sets none: never) has psycopg
    # prepare a query after its 5th run on a connection, so PostgreSQL reuses the plan
    # (bench/). Off (=0) behind a pooler that cannot keep prepared statements (PgBouncer
    # in transaction mode without max_prepared_statements).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# gunicorn runs several worker processes: the cache must be one they all share, or
# rate limits and cached pages would disagree between workers. Never local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, logging an outage instead of failing pages
            # (blog/operations/cache.py).
            "BACKEND": "blog.operations.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "foundation"),
            # A Redis that hangs costs a reader at most this, not a gunicorn timeout.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Editors' sessions read from Redis and written through to the database: any app
    # server can answer any editor, and a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            # Room for every page of a site of thousands of posts (blog/public/pagecache.py):
            # past it, each new entry first deletes a third of the table.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Admin logins: after ADMIN_LOGIN_ATTEMPTS failures for one username from one address, that
# pair is locked out for ADMIN_LOCKOUT_MINUTES (django-axes). Locking a username for
# everyone would let anybody lock the editors out; per address it stops guessing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Two-factor sign-in (TOTP) for staff: on unless ADMIN_TWO_FACTOR=off (a local demo, a
# test run). blog/operations/admin_site.py; `ensure_editor` gives a new editor their
# authenticator key.
ADMIN_TWO_FACTOR = env_bool("ADMIN_TWO_FACTOR", True)
OTP_TOTP_ISSUER = SITE_NAME  # the name the authenticator app shows
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The proxy-aware address, as everywhere else.
AXES_CLIENT_IP_CALLABLE = "blog.readership.privacy.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages posts are written in and the site is shown in, first the default one:
# LANGUAGES=en,az,ru (Django's codes). Each is named in its own language.
_LANGUAGE_CODES = [
    code.strip() for code in os.environ.get("LANGUAGES", "en,az,ru").split(",") if code.strip()
]
if unknown := [code for code in _LANGUAGE_CODES if code not in LANG_INFO]:
    raise ImproperlyConfigured(f"LANGUAGES: no language has the code {', '.join(unknown)}")
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in _LANGUAGE_CODES]
LANGUAGE_CODE = _LANGUAGE_CODES[0]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Baku")
USE_I18N = True
# Our catalogues (az, ru), beside Django's own: `make run` and `make test` compile them.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
# A bare domain in a comment ("example.org") links to https, as Django 7 will by default.
URLIZE_ASSUME_HTTPS = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded pictures are served by Django itself unless a web server or object
# storage does it (docs: set SERVE_MEDIA=0 behind nginx).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Uploaded pictures: refused above these sizes (see blog/content/uploads.py), scaled to these
# widths for srcset (see blog/publishing/renditions.py).
IMAGE_MAX_UPLOAD_MB = int(os.environ.get("IMAGE_MAX_UPLOAD_MB", "15"))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", "50000000"))
IMAGE_WIDTHS = [480, 800, 1200, 1600]
# Export files uploaded to the admin's Import page: kept here, outside MEDIA_ROOT (they
# hold commenters' emails and drafts), read by the tasks worker. With two app servers,
# a folder both share (docs/deploy.md). Refused above IMPORT_MAX_UPLOAD_MB.
IMPORTS_ROOT = Path(os.environ.get("IMPORTS_ROOT", BASE_DIR / "imports"))
IMPORT_MAX_UPLOAD_MB = int(os.environ.get("IMPORT_MAX_UPLOAD_MB", "200"))
AVATAR_SIZES = [96, 320]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several app servers cannot each keep uploads on their own disk: with S3_BUCKET set,
# pictures go to S3-compatible object storage (AWS S3, MinIO, Backblaze B2, Spaces...)
# through django-storages, and are served from there (S3_CUSTOM_DOMAIN: a CDN in front).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,  # unset: AWS
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            # Public pictures at plain addresses: signed ones would change on every
            # render and defeat the page cache and the browser's.
            "querystring_auth": False,
            "default_acl": None,  # the bucket's policy decides; see docs/deploy.md
            # A stored name never changes content (renditions are named by their
            # content, uploads get a fresh name), so readers may keep them a year.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# Anonymous readers get no session: flash messages after posting a comment live
# in a signed cookie instead of a database row per visitor.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Django 6.1's MAILERS: console output on a laptop; EMAIL_BACKEND=smtp with EMAIL_HOST,
# EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS in production.
EMAIL_BACKEND_NAME = os.environ.get("EMAIL_BACKEND", "console")
if EMAIL_BACKEND_NAME == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "blog@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Comments. Each rule can be relaxed by an operator for a migration, a load test or an
# audit run; README.md ("Comment settings") explains them.
# Moderation: open | first-time (hold a commenter's first comment) | all | closed.
COMMENT_MODERATION = os.environ.get("COMMENT_MODERATION", "first-time")
COMMENT_MAX_DEPTH = int(os.environ.get("COMMENT_MAX_DEPTH", "3"))
COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENTS_CLOSE_AFTER_DAYS", "0"))  # 0: never
# "5/m,50/d": per IP and per email; m, h or d; "off" disables.
COMMENT_RATE_LIMITS = os.environ.get("COMMENT_RATE_LIMITS", "5/m,50/d")
# Edits of one's own comments from one IP address (hashed).
COMMENT_EDIT_RATE_LIMITS = os.environ.get("COMMENT_EDIT_RATE_LIMITS", "10/m,100/d")
# View beacons from one IP address (hashed); the same "count/window" form, or "off".
VIEW_RATE_LIMITS = os.environ.get("VIEW_RATE_LIMITS", "60/m")
COMMENT_MIN_SECONDS = int(os.environ.get("COMMENT_MIN_SECONDS", "3"))
COMMENT_FORM_MAX_AGE_HOURS = int(os.environ.get("COMMENT_FORM_MAX_AGE_HOURS", "24"))
COMMENT_MAX_LINKS = int(os.environ.get("COMMENT_MAX_LINKS", "2"))
COMMENT_EDIT_MINUTES = int(os.environ.get("COMMENT_EDIT_MINUTES", "15"))
COMMENT_IP_RETENTION_DAYS = int(os.environ.get("COMMENT_IP_RETENTION_DAYS", "30"))
COMMENT_MAILS_PER_ADDRESS_PER_DAY = int(os.environ.get("COMMENT_MAILS_PER_ADDRESS_PER_DAY", "10"))

# Mail and other slow work run outside the request: Django's tasks framework with the
# database backend of django-tasks-db, worked off by `manage.py db_worker` (started by
# `make run`). TASKS_BACKEND=immediate runs tasks inline, for tests and one-off scripts.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "database")]
    }
}
# How long a shared preview link of an unpublished post works.
PREVIEW_LINK_DAYS = int(os.environ.get("PREVIEW_LINK_DAYS", "3"))
POSTS_PER_PAGE = int(os.environ.get("POSTS_PER_PAGE", "10"))

# Public pages for anonymous readers are cached whole and dropped the moment what they
# show changes (blog/public/pagecache.py). PAGE_CACHE_SECONDS also bounds how old a cached page
# may grow regardless (view counts, "most read"); 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How long a proxy or CDN in front may serve a page without asking (Cache-Control
# s-maxage): readers may see a page this many seconds out of date. The nginx config in
# deploy/ keeps pages 1 second (micro-caching: a spike becomes one request a second).
PAGE_PROXY_SECONDS = int(os.environ.get("PAGE_PROXY_SECONDS", "1"))

# Behind a TLS-terminating proxy (nginx) that sets X-Forwarded-Proto and X-Forwarded-For.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Production (DJANGO_SECURE=1) turns on every HTTPS protection `check --deploy` asks for.
SECURE = env_bool("DJANGO_SECURE", False)
SECURE_SSL_REDIRECT = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Editors' sessions end when the browser closes, and after ADMIN_SESSION_HOURS at most.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.environ.get("ADMIN_SESSION_HOURS", "12")) * 3600
# Where the admin lives. Moving it off the well-known admin/ keeps most password-guessing
# bots from finding the login at all; it is no secret, and login throttling still applies.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (Django's own middleware). Everything comes from this site; an
# inline <script> or <style> runs only with the request's nonce (`csp_nonce`); frames only
# from the video players a reader's click loads (blog.content.videos); nobody may frame
# these pages.
VIDEO_PLAYERS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# Where a video's title is asked for, once, by the tasks worker after a post is saved
# (blog/publishing/videos.py); tests point them at a server of their own.
VIDEO_OEMBED_ENDPOINTS = {
    "youtube": "https://www.youtube.com/oembed",
    "vimeo": "https://vimeo.com/api/oembed.json",
}
# The visual editor (Tiptap, inside django-prose-editor 0.28) adds one fixed <style> of
# its own and takes no nonce: that stylesheet, and only it, is allowed by its hash. After
# an upgrade the editor journey fails on the browser's CSP error, which names the new hash.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, EDITOR_STYLE_HASH],
    "img-src": [CSP.SELF, "data:"],
    "frame-src": VIDEO_PLAYERS,
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
if SECURE:
    SECURE_CSP["upgrade-insecure-requests"] = True
# Browser features the site never uses, refused to anything embedded in it as well.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), "
    "usb=(), browsing-topics=(), fullscreen=(self "
    + " ".join(f'"{player}"' for player in VIDEO_PLAYERS)
    + ")"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # JSON lines with no email, full IP address or secret in them (blog/operations/logs.py);
    # LOG_FORMAT=text for a human at a terminal.
    "formatters": {
        "json": {"()": "blog.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "text" if os.environ.get("LOG_FORMAT") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # 4xx noise (bots probing URLs) is not worth a line each.
        "django.request": {"level": "ERROR"},
        # django-axes announces itself at every start; its failed-login lines stay.
        "axes.apps": {"level": "WARNING"},
    },
}
