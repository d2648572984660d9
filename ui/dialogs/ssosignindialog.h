// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QDialog>
#include <QUrl>

#include "s3core/auth/ssoconfig.h"
#include "s3core/s3error.h"

class QLabel;
class QNetworkAccessManager;
class QPushButton;

namespace s3 {
class SsoDeviceAuthorization;
struct SsoPendingAuthorization;
} // namespace s3

namespace s3ui {

/**
 * Sign in to IAM Identity Center for one profile: runs the device sign-in (s3::SsoDeviceAuthorization) and, once
 * the service has a code, shows the code and the verification address and opens the address in the browser.
 * Never blocks: the dialog is shown non-modal and the flow runs on the event loop. Cancel stops it. When the
 * token arrives it is saved where awscli keeps it, signedIn() is emitted and the dialog closes (accepted); a
 * failure stays on screen with its message.
 */
class SsoSignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoSignInDialog)
public:
    using UrlOpener = std::function<bool(const QUrl &)>;

    /** opener: how the browser is opened (QDesktopServices::openUrl unless a test gives another). */
    SsoSignInDialog(QNetworkAccessManager *network, s3::SsoConfig config, QString cacheFolder, s3::SsoEndpoints endpoints,
                    UrlOpener opener = {}, QWidget *parent = nullptr);
    ~SsoSignInDialog() override;

    /** Starts the sign-in (call once, after show()). */
    void start();
    s3::SsoDeviceAuthorization *authorization() const { return m_authorization.get(); }
    QString userCode() const;
    QString statusText() const;
    const s3::S3Error &error() const { return m_error; }

Q_SIGNALS:
    void signedIn();

protected:
    void reject() override;

private:
    void showPending(const s3::SsoPendingAuthorization &pending);
    void finishedFlow();

    std::unique_ptr<s3::SsoDeviceAuthorization> m_authorization;
    UrlOpener m_opener;
    QUrl m_url;
    QLabel *m_intro;
    QLabel *m_code;
    QLabel *m_address;
    QLabel *m_status;
    QPushButton *m_openBrowser;
    QPushButton *m_cancel;
    s3::S3Error m_error;
};

} // namespace s3ui
