// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QDialog>
#include <QString>

#include "s3core/auth/credentials.h"
#include "s3core/result.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace s3ui {

class Session;

/**
 * "Copy presigned link" for one object: the user picks the method (GET to share a download, PUT to let someone
 * upload to this key) and how long the link lives (presets, or a custom duration up to S3's SigV4 maximum of
 * 7 days; longer is refused with a message and Copy is disabled). The URL is signed locally (no request is sent)
 * each time an input changes; credentials come asynchronously from the session's client. "Copy" puts the URL
 * on the system clipboard.
 *
 * With temporary credentials (a session token) a warning says that the link stops working when the token
 * expires; when they expire before the chosen validity, the link is signed for their remaining lifetime only and
 * the dialog shows the real expiry and why it is shorter (a link must not promise more than it can hold). An anonymous connection cannot sign: the dialog says so and offers nothing to copy.
 * The URL contains a signature: it is shown and copied, never logged.
 *
 * Non-modal friendly: open it with open() or show(); it borrows the session, which must outlive it.
 */
class PresignDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresignDialog)
public:
    /** The longest validity SigV4 allows for a presigned URL. */
    static constexpr qint64 MaxExpirySeconds = 7 * 24 * 3600;
    /** The link box grows to this many lines; a longer link scrolls. */
    static constexpr int MaxLinkLines = 20;

    PresignDialog(Session *session, const QString &bucket, const QString &key, QWidget *parent = nullptr);
    ~PresignDialog() override;

    /** A link to that version of the object (GET only: a PUT always writes a new version). */
    void setVersionId(const QString &versionId);
    QString versionId() const { return m_versionId; }

    /** The current link; empty while it is being signed, when the inputs are invalid, or on error. */
    QString url() const { return m_url; }
    /** "GET" or "PUT". */
    QByteArray method() const;
    /** Validity chosen in the form, in seconds (may exceed MaxExpirySeconds: then there is no URL). */
    qint64 expirySeconds() const;
    /**
     * The validity the current link was signed with: expirySeconds(), or less when the credentials expire
     * sooner (then isClamped() and the dialog says why). 0 without a link.
     */
    qint64 effectiveExpirySeconds() const { return m_effectiveSeconds; }
    bool isClamped() const { return m_clamped; }
    /** True when the session's credentials carry a session token (the warning is shown). */
    bool hasTemporaryCredentials() const { return m_temporary; }

protected:
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    /** A new URL was signed, or the old one was dropped (empty) because the inputs became invalid. */
    void urlChanged(const QString &url);

private:
    void regenerate();
    void sign(int generation, const s3::Result<s3::Credentials> &credentials);
    void setUrl(const QString &url);
    void setStatus(const QString &text, bool isError);
    void updateCustomVisibility();
    void updateTemporaryWarning();
    void copyToClipboard();
    /**
     * The link box as tall as the link needs at its width (every line shown, no scroll bar), up to MaxLinkLines
     * lines; the dialog grows with it.
     */
    void fitLinkBox();

    Session *m_session;
    QString m_bucket;
    QString m_key;
    QString m_versionId;
    QString m_url;
    int m_generation = 0;
    bool m_temporary = false;
    bool m_clamped = false;
    qint64 m_effectiveSeconds = 0;
    QDateTime m_credentialsExpiry; // UTC; invalid when the credentials do not expire (or are not known yet)

    QComboBox *m_methodCombo = nullptr;
    QComboBox *m_expiryCombo = nullptr;
    QSpinBox *m_customValue = nullptr;
    QComboBox *m_customUnit = nullptr;
    QPlainTextEdit *m_urlEdit = nullptr;
    QLabel *m_expiresAtLabel = nullptr;
    QLabel *m_accessLabel = nullptr;
    QLabel *m_temporaryWarning = nullptr;
    QLabel *m_statusLabel = nullptr;
    QPushButton *m_copyButton = nullptr;
    QTimer *m_copiedTimer = nullptr;
};

} // namespace s3ui
