// SPDX-License-Identifier: Apache-2.0
#include "widgets/credentialsstatus.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include "connection/session.h"
#include "s3core/auth/ssoconfig.h"
#include "s3core/net/s3client.h"
#include "s3core/textescape.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

QString remainingText(qint64 seconds)
{
    if (seconds < 60)
        return CredentialsStatusWidget::tr("%1 s").arg(qMax<qint64>(seconds, 0));
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return CredentialsStatusWidget::tr("%1 min").arg(minutes);
    return CredentialsStatusWidget::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString credentialsStatusText(const s3::Credentials &credentials, const QDateTime &now)
{
    QString text = credentials.source.isEmpty() ? CredentialsStatusWidget::tr("static keys") : credentials.source;
    if (!credentials.expiry.isValid())
        return text;
    const qint64 left = now.secsTo(credentials.expiry);
    if (left <= 0)
        return CredentialsStatusWidget::tr("%1, expired").arg(text);
    return CredentialsStatusWidget::tr("%1, expires in %2").arg(text, remainingText(left));
}

bool needsSsoSignIn(const s3::S3Error &error)
{
    return error.kind() == s3::S3Error::Kind::Auth && error.code() == QLatin1String(s3::SsoSignInRequiredCode);
}

CredentialsStatusWidget::CredentialsStatusWidget(s3::Clock clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock ? std::move(clock) : s3::systemClock())
    , m_label(new QLabel(this))
    , m_signIn(new QToolButton(this))
{
    setObjectName(u"credentialsStatus"_s);
    m_label->setObjectName(u"credentialsLabel"_s);
    m_label->setTextFormat(Qt::PlainText);
    m_signIn->setObjectName(u"signInAgainButton"_s);
    m_signIn->setText(tr("Sign in again…"));
    m_signIn->setAutoRaise(true);
    m_signIn->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_signIn);
    connect(m_signIn, &QToolButton::clicked, this, &CredentialsStatusWidget::signInRequested);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        render();
        // The provider refreshes before expiry: once the countdown ends, or is close, ask it again.
        if (m_known && m_credentials.expiry.isValid() && m_clock().secsTo(m_credentials.expiry) <= 0)
            refresh();
    });
    m_reresolve.setInterval(60 * 1000);
    connect(&m_reresolve, &QTimer::timeout, this, &CredentialsStatusWidget::refresh);
    hide();
}

void CredentialsStatusWidget::setSession(Session *session)
{
    m_session = session;
    m_known = false;
    m_error = s3::S3Error();
    m_credentials = s3::Credentials();
    ++m_generation;
    if (!session || session->client()->isAnonymous()) {
        m_tick.stop();
        m_reresolve.stop();
        m_label->setText(session ? tr("Credentials: none (unsigned requests)") : QString());
        m_signIn->hide();
        setVisible(session != nullptr);
        return;
    }
    show();
    m_label->setText(tr("Credentials: …"));
    refresh();
    m_reresolve.start();
}

void CredentialsStatusWidget::refresh()
{
    if (!m_session || m_session->client()->isAnonymous())
        return;
    const int generation = ++m_generation;
    m_session->client()->withCredentials(this, [this, generation](const s3::Result<s3::Credentials> &result) {
        if (generation != m_generation)
            return;
        m_known = true;
        if (result) {
            m_credentials = *result;
            m_error = s3::S3Error();
        } else {
            m_credentials = s3::Credentials();
            m_error = result.error();
            Q_EMIT credentialsFailed(m_error, needsSsoSignIn(m_error));
        }
        render();
        if (m_credentials.expiry.isValid())
            m_tick.start();
        else
            m_tick.stop();
    });
}

QString CredentialsStatusWidget::text() const
{
    return m_label->text();
}

void CredentialsStatusWidget::render()
{
    if (!m_known)
        return;
    if (m_error.isError()) {
        const bool signIn = needsSsoSignIn(m_error);
        m_label->setText(signIn ? tr("Credentials: IAM Identity Center sign-in needed") : tr("Credentials: unavailable"));
        m_label->setToolTip(s3::escapeControlCharacters(m_error.message()));
        m_signIn->setVisible(signIn);
        return;
    }
    m_signIn->hide();
    const QDateTime now = m_clock();
    m_label->setText(tr("Credentials: %1").arg(s3::escapeControlCharacters(credentialsStatusText(m_credentials, now))));
    QString tip = tr("Credentials from %1").arg(s3::escapeControlCharacters(m_credentials.source));
    if (m_credentials.expiry.isValid())
        tip += u'\n' + tr("Expire at %1 (refreshed automatically before then)")
                           .arg(m_credentials.expiry.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    m_label->setToolTip(tip);
}

} // namespace s3ui
