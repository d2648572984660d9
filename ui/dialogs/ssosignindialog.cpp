// SPDX-License-Identifier: Apache-2.0
#include "dialogs/ssosignindialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFont>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "s3core/auth/ssodeviceauthorization.h"
#include "s3core/textescape.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

SsoSignInDialog::SsoSignInDialog(QNetworkAccessManager *network, s3::SsoConfig config, QString cacheFolder,
                                 s3::SsoEndpoints endpoints, UrlOpener opener, QWidget *parent)
    : QDialog(parent)
    , m_opener(opener ? std::move(opener) : UrlOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); }))
    , m_intro(new QLabel(this))
    , m_code(new QLabel(this))
    , m_address(new QLabel(this))
    , m_status(new QLabel(this))
    , m_openBrowser(new QPushButton(tr("Open browser"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"ssoSignInDialog"_s);
    setWindowTitle(tr("Sign in to IAM Identity Center"));
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    m_intro->setText(tr("Profile %1 signs in at %2.").arg(config.profile, s3::escapeControlCharacters(config.startUrl)));
    m_code->setObjectName(u"userCode"_s);
    m_code->setTextFormat(Qt::PlainText);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_code->font();
    big.setPointSizeF(big.pointSizeF() * 2);
    big.setBold(true);
    m_code->setFont(big);
    m_code->setAlignment(Qt::AlignCenter);
    m_address->setObjectName(u"verificationAddress"_s);
    m_address->setTextFormat(Qt::PlainText);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_address->setWordWrap(true);
    m_status->setObjectName(u"signInStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setText(tr("Asking IAM Identity Center for a sign-in code…"));
    m_openBrowser->setObjectName(u"openBrowserButton"_s);
    m_openBrowser->setEnabled(false);
    m_cancel->setObjectName(u"cancelButton"_s);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_openBrowser, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(m_openBrowser, &QPushButton::clicked, this, [this] { m_opener(m_url); });
    connect(m_cancel, &QPushButton::clicked, this, &SsoSignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_code);
    layout->addWidget(m_address);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    m_authorization = std::make_unique<s3::SsoDeviceAuthorization>(network, std::move(config), std::move(cacheFolder),
                                                                   std::move(endpoints));
    connect(m_authorization.get(), &s3::SsoDeviceAuthorization::pendingAuthorization, this, &SsoSignInDialog::showPending);
    connect(m_authorization.get(), &s3::SsoDeviceAuthorization::finished, this, &SsoSignInDialog::finishedFlow);
}

SsoSignInDialog::~SsoSignInDialog() = default;

void SsoSignInDialog::start()
{
    m_authorization->start();
}

QString SsoSignInDialog::userCode() const
{
    return m_code->text();
}

QString SsoSignInDialog::statusText() const
{
    return m_status->text();
}

void SsoSignInDialog::showPending(const s3::SsoPendingAuthorization &pending)
{
    m_url = QUrl(pending.verificationUriComplete);
    m_code->setText(s3::escapeControlCharacters(pending.userCode));
    m_address->setText(tr("Confirm this code on %1").arg(s3::escapeControlCharacters(pending.verificationUri)));
    m_openBrowser->setEnabled(true);
    const bool opened = m_opener(m_url);
    m_status->setText(opened ? tr("The sign-in page is open in your browser. Waiting for the confirmation (until %1)…")
                                   .arg(pending.expiresAt.toLocalTime().toString(u"HH:mm"_s))
                             : tr("Open the address above in a browser. Waiting for the confirmation (until %1)…")
                                   .arg(pending.expiresAt.toLocalTime().toString(u"HH:mm"_s)));
}

void SsoSignInDialog::finishedFlow()
{
    m_error = m_authorization->error();
    if (!m_error.isError()) {
        m_status->setText(tr("Signed in."));
        Q_EMIT signedIn();
        accept();
        return;
    }
    if (m_error.kind() == s3::S3Error::Kind::Cancelled)
        return;
    m_status->setText(tr("Sign-in failed: %1").arg(s3::escapeControlCharacters(m_error.message())));
    m_openBrowser->setEnabled(false);
    m_cancel->setText(tr("Close"));
}

void SsoSignInDialog::reject()
{
    if (!m_authorization->isFinished())
        m_authorization->cancel();
    QDialog::reject();
}

} // namespace s3ui
