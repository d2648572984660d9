// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include "s3core/auth/credentials.h"
#include "s3core/clock.h"
#include "s3core/result.h"

class QLabel;
class QToolButton;

namespace s3ui {

class Session;

/** "SSO role ReadOnly in 123456789012 (profile dev)" with "expires in 42 min" / "expired" when they expire. */
QString credentialsStatusText(const s3::Credentials &credentials, const QDateTime &now);
/** "1 h 05 min", "12 min", "45 s": the time left, for the countdown. */
QString remainingText(qint64 seconds);
/** The error means: no usable IAM Identity Center token; signing in again helps. */
bool needsSsoSignIn(const s3::S3Error &error);

/**
 * The status bar's "credentials" line of the current connection: where the credentials come from and, when
 * they expire, a countdown (the tooltip gives the exact time). Asks the session's provider again every minute
 * and when the countdown ends (providers refresh before expiry, so the line follows). When the IAM Identity
 * Center token is gone it says so and shows "Sign in again…" (signInRequested()).
 */
class CredentialsStatusWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialsStatusWidget)
public:
    explicit CredentialsStatusWidget(s3::Clock clock = s3::systemClock(), QWidget *parent = nullptr);

    void setSession(Session *session);
    /** Asks the provider again (after a sign-in, or on the timer). */
    void refresh();

    QString text() const;
    QLabel *label() const { return m_label; }
    QToolButton *signInButton() const { return m_signIn; }

Q_SIGNALS:
    void signInRequested();
    /** The provider failed (the message is the provider's); signInNeeded: an SSO sign-in would help. */
    void credentialsFailed(const s3::S3Error &error, bool signInNeeded);

private:
    void render();

    s3::Clock m_clock;
    QPointer<Session> m_session;
    QLabel *m_label;
    QToolButton *m_signIn;
    QTimer m_tick;          // countdown, once a second
    QTimer m_reresolve;     // the provider again, once a minute
    s3::Credentials m_credentials;
    s3::S3Error m_error;
    bool m_known = false;
    int m_generation = 0;   // answers of an older session or request are ignored
};

} // namespace s3ui
