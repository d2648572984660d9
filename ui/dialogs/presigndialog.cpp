// SPDX-License-Identifier: Apache-2.0
#include "dialogs/presigndialog.h"

#include <cmath>

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextLayout>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include "connection/session.h"
#include "s3core/auth/presignexpiry.h"
#include "s3core/net/s3client.h"
#include "util/format.h"
#include "util/icons.h"
#include "util/windowfit.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 3600;
constexpr qint64 Day = 24 * Hour;
constexpr int CustomExpiry = -1; // item data of the "Custom" entry of the expiry combo

QString errorText(const s3::S3Error &error)
{
    const QString hint = error.hint();
    return hint.isEmpty() ? error.toString() : error.toString() + QLatin1Char(' ') + hint;
}

QString localTime(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

PresignDialog::PresignDialog(Session *session, const QString &bucket, const QString &key, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_bucket(bucket)
    , m_key(key)
{
    setWindowTitle(tr("Presigned link – %1").arg(key));
    setWindowIcon(appIcon(QStringLiteral("link")));

    auto *objectLabel = new QLabel(QStringLiteral("%1/%2").arg(bucket, key), this);
    objectLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    objectLabel->setWordWrap(true);

    m_methodCombo = new QComboBox(this);
    m_methodCombo->setObjectName(QStringLiteral("methodCombo"));
    m_methodCombo->addItem(tr("GET – download"), QByteArrayLiteral("GET"));
    m_methodCombo->addItem(tr("PUT – upload to this key"), QByteArrayLiteral("PUT"));

    m_expiryCombo = new QComboBox(this);
    m_expiryCombo->setObjectName(QStringLiteral("expiryCombo"));
    m_expiryCombo->addItem(tr("15 minutes"), 15 * Minute);
    m_expiryCombo->addItem(tr("1 hour"), Hour);
    m_expiryCombo->addItem(tr("1 day"), Day);
    m_expiryCombo->addItem(tr("7 days (the maximum)"), 7 * Day);
    m_expiryCombo->addItem(tr("Custom…"), CustomExpiry);
    m_expiryCombo->setCurrentIndex(1);

    // The spin box deliberately goes past 7 days: a too long value is explained instead of silently clamped.
    m_customValue = new QSpinBox(this);
    m_customValue->setObjectName(QStringLiteral("customExpiryValue"));
    m_customValue->setRange(1, 999999);
    m_customValue->setValue(2);
    m_customValue->setAccessibleName(tr("Custom expiry"));
    m_customUnit = new QComboBox(this);
    m_customUnit->setObjectName(QStringLiteral("customExpiryUnit"));
    m_customUnit->addItem(tr("seconds"), qint64(1));
    m_customUnit->addItem(tr("minutes"), Minute);
    m_customUnit->addItem(tr("hours"), Hour);
    m_customUnit->addItem(tr("days"), Day);
    m_customUnit->setCurrentIndex(2);
    m_customUnit->setAccessibleName(tr("Custom expiry unit"));

    auto *expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expiryCombo);
    expiryRow->addWidget(m_customValue);
    expiryRow->addWidget(m_customUnit);
    expiryRow->addStretch();

    m_expiresAtLabel = new QLabel(this);
    m_expiresAtLabel->setObjectName(QStringLiteral("expiresAtLabel"));

    auto *form = new QFormLayout;
    form->addRow(tr("Object:"), objectLabel);
    form->addRow(tr("&Method:"), m_methodCombo);
    // A row holding a layout gets no buddy from addRow(): without one the '&' would show literally.
    auto *expiryLabel = new QLabel(tr("&Expires in:"), this);
    expiryLabel->setBuddy(m_expiryCombo);
    form->addRow(expiryLabel, expiryRow);
    form->addRow(QString(), m_expiresAtLabel);

    // Read-only but selectable and focusable, so the link can also be copied by hand.
    m_urlEdit = new QPlainTextEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("urlEdit"));
    m_urlEdit->setReadOnly(true);
    m_urlEdit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_urlEdit->setTabChangesFocus(true);
    m_urlEdit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_urlEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    // Its height follows the link (fitLinkBox()): a fixed height cut the last line in half behind a scroll bar.
    m_urlEdit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_urlEdit->setAccessibleName(tr("Presigned URL"));

    m_accessLabel = new QLabel(this);
    m_accessLabel->setObjectName(QStringLiteral("accessLabel"));
    m_accessLabel->setWordWrap(true);

    m_temporaryWarning = new QLabel(this);
    m_temporaryWarning->setObjectName(QStringLiteral("temporaryWarning"));
    m_temporaryWarning->setWordWrap(true);
    m_temporaryWarning->setVisible(false);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copyButton = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setIcon(appIcon(QStringLiteral("link")));
    m_copyButton->setDefault(true);
    m_copyButton->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copyButton, &QPushButton::clicked, this, &PresignDialog::copyToClipboard);

    auto *linkLabel = new QLabel(tr("&Link:"), this);
    linkLabel->setBuddy(m_urlEdit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(linkLabel);
    layout->addWidget(m_urlEdit);
    layout->addWidget(m_accessLabel);
    layout->addWidget(m_temporaryWarning);
    layout->addWidget(m_statusLabel);
    layout->addStretch();
    layout->addWidget(buttons);

    m_copiedTimer = new QTimer(this);
    m_copiedTimer->setSingleShot(true);
    m_copiedTimer->setInterval(2000);
    connect(m_copiedTimer, &QTimer::timeout, this, [this] { m_copyButton->setText(tr("&Copy")); });

    setTabOrder(m_methodCombo, m_expiryCombo);
    setTabOrder(m_expiryCombo, m_customValue);
    setTabOrder(m_customValue, m_customUnit);
    setTabOrder(m_customUnit, m_urlEdit);
    setTabOrder(m_urlEdit, m_copyButton);
    resize(560, sizeHint().height());
    updateCustomVisibility();

    if (m_session->client()->isAnonymous()) {
        for (QWidget *input : {static_cast<QWidget *>(m_methodCombo), static_cast<QWidget *>(m_expiryCombo),
                               static_cast<QWidget *>(m_customValue), static_cast<QWidget *>(m_customUnit)})
            input->setEnabled(false);
        setStatus(tr("Presigning needs credentials: this connection is anonymous (its requests are not signed), so "
                     "it cannot create a link that grants access. Connect with an access key and secret to share "
                     "this object; a public object can be opened at its plain URL."),
                  true);
        return;
    }

    const auto inputsChanged = [this] {
        updateCustomVisibility();
        regenerate();
    };
    connect(m_methodCombo, &QComboBox::currentIndexChanged, this, inputsChanged);
    connect(m_expiryCombo, &QComboBox::currentIndexChanged, this, inputsChanged);
    connect(m_customValue, &QSpinBox::valueChanged, this, inputsChanged);
    connect(m_customUnit, &QComboBox::currentIndexChanged, this, inputsChanged);

    m_session->checkTemporaryCredentials(this, [this](bool temporary) {
        m_temporary = temporary;
        updateTemporaryWarning();
    });
    regenerate();
}

PresignDialog::~PresignDialog() = default;

QByteArray PresignDialog::method() const
{
    return m_methodCombo->currentData().toByteArray();
}

qint64 PresignDialog::expirySeconds() const
{
    const qint64 preset = m_expiryCombo->currentData().toLongLong();
    if (preset != CustomExpiry)
        return preset;
    return qint64(m_customValue->value()) * m_customUnit->currentData().toLongLong();
}

void PresignDialog::updateCustomVisibility()
{
    const bool custom = m_expiryCombo->currentData().toLongLong() == CustomExpiry;
    m_customValue->setVisible(custom);
    m_customUnit->setVisible(custom);
}

void PresignDialog::regenerate()
{
    const int generation = ++m_generation; // answers for older inputs are dropped
    setUrl({});
    m_effectiveSeconds = 0;
    m_clamped = false;
    m_expiresAtLabel->clear();
    const bool put = method() == "PUT";
    m_accessLabel->setText(put ? tr("Anyone with this link can upload to (and overwrite) this key until it expires, "
                                    "for example with: curl -T FILE 'LINK'")
                               : tr("Anyone with this link can download this object until it expires."));

    const qint64 seconds = expirySeconds();
    if (seconds > MaxExpirySeconds) {
        setStatus(tr("A presigned link can be valid for at most 7 days (%1 seconds): S3 refuses longer signatures. "
                     "Choose a shorter expiry.")
                      .arg(QLocale().toString(MaxExpirySeconds)),
                  true);
        return;
    }
    setStatus(tr("Signing…"), false);
    m_session->client()->withCredentials(this, [this, generation](const s3::Result<s3::Credentials> &credentials) {
        sign(generation, credentials);
    });
}

void PresignDialog::sign(int generation, const s3::Result<s3::Credentials> &credentials)
{
    if (generation != m_generation)
        return;
    if (!credentials) {
        setStatus(tr("Cannot get the connection's credentials to sign the link: %1")
                      .arg(errorText(credentials.error())),
                  true);
        return;
    }
    s3::S3Client *client = m_session->client();
    // The credentials' expiry is in the server's time, like the signature; shown on the local clock.
    m_credentialsExpiry = credentials->expiry.isValid() ? credentials->expiry.addMSecs(-client->clockOffsetMs()) : QDateTime();
    const qint64 requested = expirySeconds();
    // The form's choice is shortened to what the credentials allow, and the dialog says so.
    const s3::Result<s3::PresignExpiry> expiry
        = s3::planPresignExpiry(requested, false, credentials->expiry, client->signingTime());
    if (!expiry) {
        setStatus(tr("Cannot sign the link: %1").arg(errorText(expiry.error())), true);
        return;
    }
    s3::QueryItems query;
    if (!m_versionId.isEmpty() && method() == "GET")
        query.append({QByteArrayLiteral("versionId"), m_versionId.toUtf8()});
    const s3::Result<QUrl> url = client->presign(*credentials, method(), m_bucket, m_key, expiry->seconds, query);
    if (!url) {
        setStatus(tr("Cannot sign the link: %1").arg(errorText(url.error())), true);
        return;
    }
    m_effectiveSeconds = expiry->seconds;
    m_clamped = expiry->clamped;
    const QDateTime validUntil = client->clock()().addSecs(expiry->seconds);
    QString text = tr("Valid until %1 (%2).").arg(localTime(validUntil), formatDuration(expiry->seconds));
    if (expiry->clamped)
        text += QLatin1Char(' ')
            + tr("Shortened from %1: the connection's temporary credentials expire at %2, and a presigned link "
                 "stops working with them.")
                  .arg(formatDuration(requested), localTime(m_credentialsExpiry));
    m_expiresAtLabel->setText(text);
    setUrl(QString::fromLatin1(url->toEncoded()));
    setStatus({}, false);
    updateTemporaryWarning();
}

void PresignDialog::updateTemporaryWarning()
{
    if (!m_temporary) {
        m_temporaryWarning->setVisible(false);
        return;
    }
    QString text = tr("⚠ This connection uses temporary credentials (a session token). The link stops working when "
                      "the session token expires, even if its own expiry is later.");
    if (m_credentialsExpiry.isValid())
        text += QLatin1Char(' ') + tr("The token expires at %1.").arg(localTime(m_credentialsExpiry));
    m_temporaryWarning->setText(text);
    m_temporaryWarning->setVisible(true);
}

void PresignDialog::setUrl(const QString &url)
{
    const bool changed = url != m_url;
    m_url = url;
    m_urlEdit->setPlainText(url);
    fitLinkBox();
    m_copyButton->setEnabled(!url.isEmpty());
    if (changed)
        Q_EMIT urlChanged(url);
}

void PresignDialog::fitLinkBox()
{
    // Laid out as the box lays it out: its font, anywhere-wrapping, at its width less frame and document margins.
    const int frame = m_urlEdit->frameWidth() * 2;
    const QMargins margins = m_urlEdit->contentsMargins();
    const qreal documentMargin = m_urlEdit->document()->documentMargin();
    const qreal lineWidth = qMax<qreal>(20, m_urlEdit->width() - frame - margins.left() - margins.right() - 2 * documentMargin
                                                 - 4); // the cursor's width, and rounding: rather a line too many
    QTextLayout layout(m_url.isEmpty() ? u" "_s : m_url, m_urlEdit->font());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAnywhere);
    layout.setTextOption(option);
    int lines = 0;
    qreal height = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(lineWidth);
        height += line.height();
        ++lines;
    }
    layout.endLayout();
    if (lines > MaxLinkLines)
        height = height * MaxLinkLines / lines;
    const int needed = int(std::ceil(height + 2 * documentMargin)) + frame + margins.top() + margins.bottom() + 2;
    if (m_urlEdit->height() != needed || m_urlEdit->minimumHeight() != needed) {
        m_urlEdit->setFixedHeight(needed);
        if (isVisible())
            fitWindowHeightToContent(this);
    }
}

void PresignDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    fitLinkBox(); // a narrower box needs more lines
}

void PresignDialog::setStatus(const QString &text, bool isError)
{
    m_statusLabel->setText(text);
    // A mid red stays readable on light and dark themes.
    m_statusLabel->setStyleSheet(isError ? QStringLiteral("color: #d93025;") : QString());
    m_statusLabel->setVisible(!text.isEmpty());
}

void PresignDialog::copyToClipboard()
{
    if (m_url.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_url);
    m_copyButton->setText(tr("Copied"));
    setStatus(tr("Copied to the clipboard."), false);
    m_copiedTimer->start();
}

void PresignDialog::setVersionId(const QString &versionId)
{
    m_versionId = versionId;
    setWindowTitle(versionId.isEmpty() ? tr("Presigned link – %1").arg(m_key)
                                       : tr("Presigned link – %1 (version %2)").arg(m_key, versionId));
    regenerate();
}

} // namespace s3ui
