"""Sending e-mail, behind one small interface chosen by configuration.

With MAIL_SERVER set, messages go through SMTP; otherwise (development) they are
written to the log, so sign-up and reset links can be followed locally.
"""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from typing import Protocol

from flask import current_app

log = logging.getLogger(__name__)


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SMTPMailer:
    def __init__(self, host: str, port: int, username: str, password: str, use_tls: bool):
        self.host, self.port = host, port
        self.username, self.password, self.use_tls = username, password, use_tls

    def send(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            if self.use_tls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(message)


class LogMailer:
    """Development only: the message is printed to the log instead of sent."""

    def send(self, message: EmailMessage) -> None:
        log.warning("E-mail to %s: %s\n%s", message["To"], message["Subject"], message.get_content())


def _mailer() -> Mailer:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return LogMailer()
    return SMTPMailer(
        config["MAIL_SERVER"],
        config["MAIL_PORT"],
        config["MAIL_USERNAME"],
        config["MAIL_PASSWORD"],
        config["MAIL_USE_TLS"],
    )


def send_mail(to: str, subject: str, body: str) -> None:
    """Send a plain-text message. Failures are logged, never shown to the person:
    a mail outage must not stop someone registering or reporting a problem."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        _mailer().send(message)
    except (OSError, smtplib.SMTPException):
        log.exception("could not send e-mail")
