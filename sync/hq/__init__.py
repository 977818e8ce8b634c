"""The HQ server: storage, enrollment, push/pull, attachments, receipt verification, admin CLI.

Run it with ``fieldapp-hq serve``; :func:`sync.hq.app.create_app` builds the
web application over a :class:`sync.hq.service.Headquarters`.
"""
