// SPDX-License-Identifier: Apache-2.0
#include "dialogs/propertiesdialog.h"

#include <algorithm>
#include <functional>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include "connection/session.h"
#include "s3core/ops/objectjobs.h"
#include "util/format.h"
#include "util/icons.h"

namespace s3ui {

namespace {

enum MetadataColumn { NameColumn, ValueColumn };

QString errorText(const s3::S3Error &error)
{
    const QString hint = error.hint();
    return hint.isEmpty() ? error.toString() : error.toString() + QLatin1Char(' ') + hint;
}

bool isPrintableAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

/** What S3 accepts in an x-amz-meta- header name without surprises across servers. */
bool isValidMetadataName(const QString &name)
{
    for (const QChar c : name) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') || c == QLatin1Char('_')
            || c == QLatin1Char('.');
        if (!ok)
            return false;
    }
    return !name.isEmpty();
}

QString displayEtag(const QString &etag)
{
    QString shown = etag;
    if (shown.size() >= 2 && shown.startsWith(QLatin1Char('"')) && shown.endsWith(QLatin1Char('"')))
        shown = shown.mid(1, shown.size() - 2);
    return shown;
}

QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QLabel *messageLabel(QWidget *parent, const QString &objectName, const QString &styleSheet = {})
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(styleSheet);
    label->setVisible(false);
    return label;
}

const QString ErrorStyle = QStringLiteral("color: #d93025;"); // a mid red, readable on light and dark themes

} // namespace

PropertiesDialog::PropertiesDialog(Session *session, const QString &bucket, const QString &key, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_bucket(bucket)
    , m_key(key)
{
    setWindowTitle(tr("Properties – %1").arg(key));
    setWindowIcon(iconForKey(key));

    auto *nameLabel = valueLabel(this, QStringLiteral("nameLabel"));
    nameLabel->setText(key);
    auto *bucketLabel = valueLabel(this, QStringLiteral("bucketLabel"));
    bucketLabel->setText(bucket);
    m_sizeLabel = valueLabel(this, QStringLiteral("sizeLabel"));
    m_etagLabel = valueLabel(this, QStringLiteral("etagLabel"));
    m_contentTypeEdit = new QLineEdit(this);
    m_contentTypeEdit->setObjectName(QStringLiteral("contentTypeEdit"));
    m_contentTypeEdit->setPlaceholderText(tr("inferred from the name when empty"));
    m_lastModifiedLabel = valueLabel(this, QStringLiteral("lastModifiedLabel"));
    m_storageClassLabel = valueLabel(this, QStringLiteral("storageClassLabel"));
    m_cacheControlLabel = valueLabel(this, QStringLiteral("cacheControlLabel"));
    m_contentDispositionLabel = valueLabel(this, QStringLiteral("contentDispositionLabel"));
    m_contentEncodingLabel = valueLabel(this, QStringLiteral("contentEncodingLabel"));
    m_contentLanguageLabel = valueLabel(this, QStringLiteral("contentLanguageLabel"));
    m_expiresLabel = valueLabel(this, QStringLiteral("expiresLabel"));

    m_form = new QFormLayout;
    m_form->addRow(tr("Name:"), nameLabel);
    m_form->addRow(tr("Bucket:"), bucketLabel);
    m_form->addRow(tr("Size:"), m_sizeLabel);
    m_form->addRow(tr("ETag:"), m_etagLabel);
    m_form->addRow(tr("Content &type:"), m_contentTypeEdit);
    m_form->addRow(tr("Last modified:"), m_lastModifiedLabel);
    m_form->addRow(tr("Storage class:"), m_storageClassLabel);
    m_form->addRow(tr("Cache-Control:"), m_cacheControlLabel);
    m_form->addRow(tr("Content-Disposition:"), m_contentDispositionLabel);
    m_form->addRow(tr("Content-Encoding:"), m_contentEncodingLabel);
    m_form->addRow(tr("Content-Language:"), m_contentLanguageLabel);
    m_form->addRow(tr("Expires:"), m_expiresLabel);

    m_metadataTable = new QTableWidget(0, 2, this);
    m_metadataTable->setObjectName(QStringLiteral("metadataTable"));
    m_metadataTable->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_metadataTable->horizontalHeader()->setStretchLastSection(true);
    m_metadataTable->verticalHeader()->setVisible(false);
    m_metadataTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_metadataTable->setTabKeyNavigation(false); // Tab leaves the table (keyboard-only use)
    m_metadataTable->setAccessibleName(tr("User metadata"));
    connect(m_metadataTable, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            updateState();
    });
    connect(m_metadataTable, &QTableWidget::itemSelectionChanged, this, &PropertiesDialog::updateState);
    connect(m_contentTypeEdit, &QLineEdit::textChanged, this, [this] {
        if (!m_filling)
            updateState();
    });

    m_addButton = new QPushButton(tr("&Add"), this);
    m_addButton->setObjectName(QStringLiteral("addMetadataButton"));
    m_removeButton = new QPushButton(tr("Re&move"), this);
    m_removeButton->setObjectName(QStringLiteral("removeMetadataButton"));
    connect(m_addButton, &QPushButton::clicked, this, &PropertiesDialog::addMetadataRow);
    connect(m_removeButton, &QPushButton::clicked, this, &PropertiesDialog::removeSelectedMetadataRows);
    auto *metadataButtons = new QHBoxLayout;
    metadataButtons->addWidget(m_addButton);
    metadataButtons->addWidget(m_removeButton);
    metadataButtons->addStretch();

    auto *metadataTitle = new QLabel(tr("User &metadata (x-amz-meta-*):"), this);
    metadataTitle->setBuddy(m_metadataTable);

    m_limitLabel = messageLabel(this, QStringLiteral("limitLabel"));
    m_problemLabel = messageLabel(this, QStringLiteral("problemLabel"), ErrorStyle);
    m_errorLabel = messageLabel(this, QStringLiteral("errorLabel"), ErrorStyle);
    m_statusLabel = messageLabel(this, QStringLiteral("statusLabel"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_saveButton = buttons->addButton(tr("&Save"), QDialogButtonBox::ApplyRole);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_reloadButton = buttons->addButton(tr("&Reload"), QDialogButtonBox::ResetRole);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    connect(m_saveButton, &QPushButton::clicked, this, &PropertiesDialog::save);
    connect(m_reloadButton, &QPushButton::clicked, this, &PropertiesDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(metadataTitle);
    layout->addWidget(m_metadataTable, 1);
    layout->addLayout(metadataButtons);
    layout->addWidget(m_limitLabel);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);
    resize(560, 560);

    showMetadata();
    reload();
}

PropertiesDialog::~PropertiesDialog()
{
    s3::cancelQuietly(m_head, this);
    s3::cancelQuietly(m_copy, this);
}

void PropertiesDialog::reload()
{
    if (m_head)
        return;
    s3::cancelQuietly(m_copy, this);
    m_head = new s3::HeadObjectJob(m_session->client(), m_bucket, m_key);
    connect(m_head, &s3::Job::finished, this, &PropertiesDialog::headFinished);
    setStatus(tr("Reading the object's properties…"));
    m_head->start();
    updateState();
}

void PropertiesDialog::headFinished()
{
    const s3::HeadObjectJob *job = m_head;
    m_head = nullptr;
    if (!job)
        return;
    if (job->hasError()) {
        setStatus({});
        showError(tr("Cannot read the properties of %1: %2").arg(m_key, errorText(job->error())));
        updateState();
        return;
    }
    m_metadata = job->metadata();
    m_loaded = true;
    showError({});
    if (m_statusLabel->text() == tr("Reading the object's properties…"))
        setStatus({});
    showMetadata();
    updateState();
    Q_EMIT metadataLoaded();
}

void PropertiesDialog::showMetadata()
{
    m_filling = true;
    const QLocale locale;
    const bool known = m_loaded;
    const auto orDash = [](const QString &text) { return text.isEmpty() ? QStringLiteral("–") : text; };
    m_sizeLabel->setText(known ? tr("%1 (%2 bytes)").arg(formatSize(m_metadata.size), locale.toString(m_metadata.size))
                               : QString());
    m_etagLabel->setText(known ? orDash(displayEtag(m_metadata.etag)) : QString());
    m_etagLabel->setToolTip(m_metadata.etag.contains(QLatin1Char('-'))
                                ? tr("A multipart ETag: it is not the MD5 of the content.")
                                : QString());
    m_contentTypeEdit->setText(m_metadata.contentType);
    m_lastModifiedLabel->setText(known && m_metadata.lastModified.isValid()
                                     ? locale.toString(m_metadata.lastModified.toLocalTime(), QLocale::LongFormat)
                                     : QString());
    // HeadObject leaves out x-amz-storage-class for STANDARD.
    m_storageClassLabel->setText(known ? (m_metadata.storageClass.isEmpty() ? QStringLiteral("STANDARD")
                                                                            : m_metadata.storageClass)
                                       : QString());
    const std::pair<QLabel *, QString> optional[] = {
        {m_cacheControlLabel, m_metadata.cacheControl},
        {m_contentDispositionLabel, m_metadata.contentDisposition},
        {m_contentEncodingLabel, m_metadata.contentEncoding},
        {m_contentLanguageLabel, m_metadata.contentLanguage},
        {m_expiresLabel, m_metadata.expires.isValid()
                             ? locale.toString(m_metadata.expires.toLocalTime(), QLocale::LongFormat)
                             : QString()},
    };
    for (const auto &[label, value] : optional) {
        label->setText(value);
        m_form->setRowVisible(label, !value.isEmpty());
    }

    m_metadataTable->setRowCount(0);
    for (auto it = m_metadata.userMetadata.cbegin(); it != m_metadata.userMetadata.cend(); ++it) {
        const int row = m_metadataTable->rowCount();
        m_metadataTable->insertRow(row);
        m_metadataTable->setItem(row, NameColumn, new QTableWidgetItem(it.key()));
        m_metadataTable->setItem(row, ValueColumn, new QTableWidgetItem(it.value()));
    }
    m_filling = false;
}

void PropertiesDialog::addMetadataRow()
{
    const int row = m_metadataTable->rowCount();
    m_filling = true;
    m_metadataTable->insertRow(row);
    m_metadataTable->setItem(row, NameColumn, new QTableWidgetItem);
    m_metadataTable->setItem(row, ValueColumn, new QTableWidgetItem);
    m_filling = false;
    m_metadataTable->setCurrentCell(row, NameColumn);
    m_metadataTable->setFocus();
    m_metadataTable->editItem(m_metadataTable->item(row, NameColumn));
    updateState();
}

void PropertiesDialog::removeSelectedMetadataRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_metadataTable->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_metadataTable->currentRow() >= 0)
        rows.append(m_metadataTable->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : std::as_const(rows))
        m_metadataTable->removeRow(row);
    updateState();
}

bool PropertiesDialog::editedAttributes(s3::ObjectAttributes *attributes, QString *problem) const
{
    // Everything the dialog does not edit is sent back as it was read: REPLACE drops what is not sent.
    attributes->contentType = m_contentTypeEdit->text().trimmed();
    attributes->cacheControl = m_metadata.cacheControl;
    attributes->contentDisposition = m_metadata.contentDisposition;
    attributes->contentEncoding = m_metadata.contentEncoding;
    attributes->contentLanguage = m_metadata.contentLanguage;
    attributes->storageClass = m_metadata.storageClass;
    attributes->userMetadata.clear();
    if (!isPrintableAscii(attributes->contentType)) {
        *problem = tr("The content type must be plain ASCII text, like \"text/plain; charset=utf-8\".");
        return false;
    }
    int bytes = 0;
    for (int row = 0; row < m_metadataTable->rowCount(); ++row) {
        const QTableWidgetItem *nameItem = m_metadataTable->item(row, NameColumn);
        const QTableWidgetItem *valueItem = m_metadataTable->item(row, ValueColumn);
        // S3 stores metadata names in lower case; "x-amz-meta-" typed by habit is dropped.
        QString name = nameItem ? nameItem->text().trimmed().toLower() : QString();
        if (name.startsWith(QLatin1String("x-amz-meta-")))
            name = name.mid(11);
        const QString value = valueItem ? valueItem->text() : QString();
        if (name.isEmpty() && value.isEmpty())
            continue; // a row added and left empty
        if (!isValidMetadataName(name)) {
            *problem = name.isEmpty()
                ? tr("Metadata row %1 has a value but no name.").arg(row + 1)
                : tr("The metadata name \"%1\" may contain only letters, digits, '-', '_' and '.'.").arg(name);
            return false;
        }
        if (attributes->userMetadata.contains(name)) {
            *problem = tr("The metadata name \"%1\" appears twice (names are not case-sensitive).").arg(name);
            return false;
        }
        if (!isPrintableAscii(value)) {
            *problem = tr("The value of \"%1\" must be plain ASCII text: S3 sends metadata as HTTP headers.").arg(name);
            return false;
        }
        bytes += int(name.toUtf8().size() + value.toUtf8().size());
        attributes->userMetadata.insert(name, value);
    }
    if (bytes > MaxUserMetadataBytes) {
        *problem = tr("The metadata takes %1 bytes; S3 allows at most %2 bytes for all names and values together.")
                       .arg(bytes)
                       .arg(MaxUserMetadataBytes);
        return false;
    }
    return true;
}

bool PropertiesDialog::isEdited() const
{
    s3::ObjectAttributes attributes;
    QString problem;
    if (!editedAttributes(&attributes, &problem))
        return true; // something was typed, even if it cannot be saved yet
    return attributes.contentType != m_metadata.contentType || attributes.userMetadata != m_metadata.userMetadata;
}

bool PropertiesDialog::canSave() const
{
    if (!m_loaded || isBusy() || isTooLargeToCopy())
        return false;
    s3::ObjectAttributes attributes;
    QString problem;
    return editedAttributes(&attributes, &problem) && isEdited();
}

void PropertiesDialog::updateState()
{
    const bool busy = isBusy();
    const bool editable = m_loaded && !busy && !isTooLargeToCopy();
    m_contentTypeEdit->setReadOnly(!editable);
    m_metadataTable->setEditTriggers(editable ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                                    | QAbstractItemView::AnyKeyPressed
                                              : QAbstractItemView::NoEditTriggers);
    m_addButton->setEnabled(editable);
    m_removeButton->setEnabled(editable && m_metadataTable->currentRow() >= 0);
    m_reloadButton->setEnabled(!busy);

    if (m_loaded && isTooLargeToCopy()) {
        m_limitLabel->setText(tr("This object is larger than 5 GiB. S3's CopyObject copies at most 5 GiB in one "
                                 "request, so its content type and metadata cannot be changed in place here."));
        m_limitLabel->setVisible(true);
    } else if (m_loaded && m_metadata.expires.isValid()) {
        m_limitLabel->setText(tr("Note: saving drops the object's Expires header (S3Desk does not write it yet)."));
        m_limitLabel->setVisible(true);
    } else {
        m_limitLabel->setVisible(false);
    }

    s3::ObjectAttributes attributes;
    QString problem;
    const bool valid = !m_loaded || editedAttributes(&attributes, &problem);
    m_problemLabel->setText(valid ? QString() : problem);
    m_problemLabel->setVisible(!valid);
    m_saveButton->setEnabled(canSave());
}

void PropertiesDialog::save()
{
    if (!canSave())
        return;
    s3::ObjectAttributes attributes;
    QString problem;
    if (!editedAttributes(&attributes, &problem))
        return;
    m_copy = new s3::CopyObjectJob(m_session->client(), m_bucket, m_key, m_bucket, m_key);
    m_copy->setReplaceAttributes(attributes);
    // Only the version that was read is rewritten: a newer one (uploaded meanwhile) is not clobbered.
    if (!m_metadata.etag.isEmpty())
        m_copy->setSourceIfMatch(m_metadata.etag);
    connect(m_copy, &s3::Job::finished, this, &PropertiesDialog::copyFinished);
    showError({});
    setStatus(tr("Saving…"));
    m_copy->start();
    updateState();
}

void PropertiesDialog::copyFinished()
{
    const s3::CopyObjectJob *job = m_copy;
    m_copy = nullptr;
    if (!job)
        return;
    if (job->hasError()) {
        setStatus({});
        const s3::S3Error &error = job->error();
        QString message = tr("Cannot save the properties of %1: %2").arg(m_key, errorText(error));
        if (error.code() == QLatin1String("PreconditionFailed"))
            message += QLatin1Char(' ')
                + tr("The object was changed by someone else since it was read: Reload to see the current version, "
                     "then edit again.");
        showError(message);
        updateState();
        return;
    }
    Q_EMIT objectChanged(m_bucket, m_key);
    reload(); // shows what the server now has
    setStatus(tr("Saved."));
}

void PropertiesDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        Q_EMIT failed(message);
}

void PropertiesDialog::setStatus(const QString &text)
{
    m_statusLabel->setText(text);
    m_statusLabel->setVisible(!text.isEmpty());
}

} // namespace s3ui
