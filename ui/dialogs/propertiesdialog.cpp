// SPDX-License-Identifier: Apache-2.0
#include "dialogs/propertiesdialog.h"

#include <algorithm>
#include <functional>
#include <utility>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include "connection/session.h"
#include "dialogs/ssecustomerkeydialog.h"
#include "s3core/acl.h"
#include "s3core/ops/getobjectacljob.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/putobjecttaggingjob.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/restore.h"
#include "s3core/transfer/transferengine.h"
#include "util/format.h"
#include "util/icons.h"

using namespace Qt::Literals::StringLiterals;

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

/** Tags compare as a set: S3 keeps no order (and answers them sorted or not). */
QList<s3::ObjectTag> sortedTags(QList<s3::ObjectTag> tags)
{
    std::sort(tags.begin(), tags.end(), [](const s3::ObjectTag &a, const s3::ObjectTag &b) {
        return a.key < b.key || (a.key == b.key && a.value < b.value);
    });
    return tags;
}

/** A message of s3core ("the tag key ...") as a sentence. */
QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    if (!text.endsWith(u'.'))
        text += u'.';
    return text;
}

const QString ErrorStyle = QStringLiteral("color: #d93025;"); // a mid red, readable on light and dark themes

QString permissionText(const QString &permission)
{
    if (permission == QLatin1String("READ"))
        return PropertiesDialog::tr("can read");
    if (permission == QLatin1String("WRITE"))
        return PropertiesDialog::tr("can write");
    if (permission == QLatin1String("READ_ACP"))
        return PropertiesDialog::tr("can read the permissions");
    if (permission == QLatin1String("WRITE_ACP"))
        return PropertiesDialog::tr("can change the permissions");
    if (permission == QLatin1String("FULL_CONTROL"))
        return PropertiesDialog::tr("full control");
    return permission;
}

/** The ACL for people: its canned name when it is one, else every grant on its own line. */
QString accessText(const s3::AccessControlPolicy &policy)
{
    const QString canned = s3::acl::cannedAclOf(policy);
    if (canned == QLatin1String("private"))
        return PropertiesDialog::tr("Private: only the owner (private)");
    if (canned == QLatin1String("public-read"))
        return PropertiesDialog::tr("Public: anyone can read (public-read)");
    if (canned == QLatin1String("public-read-write"))
        return PropertiesDialog::tr("Public: anyone can read and write (public-read-write)");
    if (canned == QLatin1String("authenticated-read"))
        return PropertiesDialog::tr("Any AWS account can read (authenticated-read)");
    QStringList lines;
    for (const s3::AclGrant &grant : policy.grants)
        lines.append(QStringLiteral("%1: %2").arg(s3::acl::granteeText(grant), permissionText(grant.permission)));
    if (lines.isEmpty())
        return PropertiesDialog::tr("No grants: nobody but the bucket owner's policies can reach it");
    return lines.join(QLatin1Char('\n'));
}

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
    m_encryptionLabel = valueLabel(this, QStringLiteral("encryptionLabel"));
    m_cacheControlLabel = valueLabel(this, QStringLiteral("cacheControlLabel"));
    m_contentDispositionLabel = valueLabel(this, QStringLiteral("contentDispositionLabel"));
    m_contentEncodingLabel = valueLabel(this, QStringLiteral("contentEncodingLabel"));
    m_contentLanguageLabel = valueLabel(this, QStringLiteral("contentLanguageLabel"));
    m_expiresLabel = valueLabel(this, QStringLiteral("expiresLabel"));
    m_accessLabel = valueLabel(this, QStringLiteral("accessLabel"));

    m_form = new QFormLayout;
    m_form->addRow(tr("Name:"), nameLabel);
    m_form->addRow(tr("Bucket:"), bucketLabel);
    m_form->addRow(tr("Size:"), m_sizeLabel);
    m_form->addRow(tr("ETag:"), m_etagLabel);
    m_form->addRow(tr("Content &type:"), m_contentTypeEdit);
    m_form->addRow(tr("Last modified:"), m_lastModifiedLabel);
    m_form->addRow(tr("Storage class:"), m_storageClassLabel);
    m_form->addRow(tr("Encryption:"), m_encryptionLabel);
    m_form->addRow(tr("Cache-Control:"), m_cacheControlLabel);
    m_form->addRow(tr("Content-Disposition:"), m_contentDispositionLabel);
    m_form->addRow(tr("Content-Encoding:"), m_contentEncodingLabel);
    m_form->addRow(tr("Content-Language:"), m_contentLanguageLabel);
    m_form->addRow(tr("Expires:"), m_expiresLabel);
    m_form->addRow(tr("Access:"), m_accessLabel);

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

    m_tagsTable = new QTableWidget(0, 2, this);
    m_tagsTable->setObjectName(u"tagsTable"_s);
    m_tagsTable->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_tagsTable->horizontalHeader()->setStretchLastSection(true);
    m_tagsTable->verticalHeader()->setVisible(false);
    m_tagsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tagsTable->setTabKeyNavigation(false);
    m_tagsTable->setAccessibleName(tr("Tags"));
    connect(m_tagsTable, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            updateState();
    });
    connect(m_tagsTable, &QTableWidget::itemSelectionChanged, this, &PropertiesDialog::updateState);
    m_addTagButton = new QPushButton(tr("Add ta&g"), this);
    m_addTagButton->setObjectName(u"addTagButton"_s);
    m_removeTagButton = new QPushButton(tr("Remove tag"), this);
    m_removeTagButton->setObjectName(u"removeTagButton"_s);
    connect(m_addTagButton, &QPushButton::clicked, this, &PropertiesDialog::addTagRow);
    connect(m_removeTagButton, &QPushButton::clicked, this, &PropertiesDialog::removeSelectedTagRows);
    auto *tagButtons = new QHBoxLayout;
    tagButtons->addWidget(m_addTagButton);
    tagButtons->addWidget(m_removeTagButton);
    tagButtons->addStretch();
    auto *tagsTitle = new QLabel(tr("T&ags (at most 10):"), this);
    tagsTitle->setBuddy(m_tagsTable);
    m_tagsErrorLabel = messageLabel(this, u"tagsErrorLabel"_s, ErrorStyle);

    m_limitLabel = messageLabel(this, QStringLiteral("limitLabel"));
    m_problemLabel = messageLabel(this, QStringLiteral("problemLabel"), ErrorStyle);
    m_errorLabel = messageLabel(this, QStringLiteral("errorLabel"), ErrorStyle);
    m_statusLabel = messageLabel(this, QStringLiteral("statusLabel"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_saveButton = buttons->addButton(tr("&Save"), QDialogButtonBox::ApplyRole);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_reloadButton = buttons->addButton(tr("&Reload"), QDialogButtonBox::ResetRole);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    // Enter in a field saves (the dialog's action); the row buttons act only when clicked or focused.
    for (QPushButton *button : {m_addButton, m_removeButton, m_addTagButton, m_removeTagButton, m_reloadButton})
        button->setAutoDefault(false);
    m_saveButton->setDefault(true);
    connect(m_saveButton, &QPushButton::clicked, this, &PropertiesDialog::save);
    connect(m_reloadButton, &QPushButton::clicked, this, &PropertiesDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(metadataTitle);
    layout->addWidget(m_metadataTable, 1);
    layout->addLayout(metadataButtons);
    layout->addWidget(tagsTitle);
    layout->addWidget(m_tagsTable, 1);
    layout->addWidget(m_tagsErrorLabel);
    layout->addLayout(tagButtons);
    layout->addWidget(m_limitLabel);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);
    resize(560, 720);

    showMetadata();
    reload();
}

PropertiesDialog::~PropertiesDialog()
{
    s3::cancelQuietly(m_head, this);
    s3::cancelQuietly(m_copy, this);
    s3::cancelQuietly(m_acl, this);
    s3::cancelQuietly(m_tagging, this);
    s3::cancelQuietly(m_putTags, this);
}

void PropertiesDialog::reload()
{
    if (m_head)
        return;
    s3::cancelQuietly(m_copy, this);
    m_head = new s3::HeadObjectJob(m_session->client(), m_bucket, m_key);
    m_head->setSseCustomerKey(m_sseCustomerKey);
    connect(m_head, &s3::Job::finished, this, &PropertiesDialog::headFinished);
    setStatus(tr("Reading the object's properties…"));
    m_head->start();
    readAccess();
    readTags();
    updateState();
}

void PropertiesDialog::readTags()
{
    s3::cancelQuietly(m_tagging, this);
    m_tagsLoaded = false;
    m_tags.clear();
    showTags();
    m_tagging = new s3::GetObjectTaggingJob(m_session->client(), m_bucket, m_key);
    m_tagsErrorLabel->setVisible(false);
    connect(m_tagging, &s3::Job::finished, this, [this, job = m_tagging] {
        if (job != m_tagging)
            return;
        m_tagging = nullptr;
        if (job->hasError()) {
            // Tags need their own permission (s3:GetObjectTagging) and not every server has them: the rest works.
            m_tagsLoaded = false;
            m_tags.clear();
            m_tagsErrorLabel->setText(tr("The tags cannot be read: %1. Saving keeps whatever tags the object has.")
                                          .arg(errorText(job->error())));
            m_tagsErrorLabel->setVisible(true);
        } else {
            m_tagsLoaded = true;
            m_tags = job->tags();
        }
        showTags();
        updateState();
    });
    m_tagging->start();
}

void PropertiesDialog::showTags()
{
    m_filling = true;
    m_tagsTable->setRowCount(0);
    for (const s3::ObjectTag &tag : std::as_const(m_tags)) {
        const int row = m_tagsTable->rowCount();
        m_tagsTable->insertRow(row);
        m_tagsTable->setItem(row, NameColumn, new QTableWidgetItem(tag.key));
        m_tagsTable->setItem(row, ValueColumn, new QTableWidgetItem(tag.value));
    }
    m_filling = false;
}

void PropertiesDialog::addTagRow()
{
    const int row = m_tagsTable->rowCount();
    m_filling = true;
    m_tagsTable->insertRow(row);
    m_tagsTable->setItem(row, NameColumn, new QTableWidgetItem);
    m_tagsTable->setItem(row, ValueColumn, new QTableWidgetItem);
    m_filling = false;
    m_tagsTable->setCurrentCell(row, NameColumn);
    m_tagsTable->setFocus();
    m_tagsTable->editItem(m_tagsTable->item(row, NameColumn));
    updateState();
}

void PropertiesDialog::removeSelectedTagRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_tagsTable->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_tagsTable->currentRow() >= 0)
        rows.append(m_tagsTable->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : std::as_const(rows))
        m_tagsTable->removeRow(row);
    updateState();
}

bool PropertiesDialog::editedTags(QList<s3::ObjectTag> *tags, QString *problem) const
{
    tags->clear();
    for (int row = 0; row < m_tagsTable->rowCount(); ++row) {
        const QTableWidgetItem *keyItem = m_tagsTable->item(row, NameColumn);
        const QTableWidgetItem *valueItem = m_tagsTable->item(row, ValueColumn);
        // Kept exactly as typed: S3 stores keys and values as given, spaces included.
        const QString key = keyItem ? keyItem->text() : QString();
        const QString value = valueItem ? valueItem->text() : QString();
        if (key.isEmpty() && value.isEmpty())
            continue; // a row added and left empty
        if (key.isEmpty()) {
            *problem = tr("Tag row %1 has a value but no key.").arg(row + 1);
            return false;
        }
        tags->append({key, value});
    }
    // Tags left as they were are the server's own (other tools and servers allow more): only edits are checked.
    if (sortedTags(*tags) == sortedTags(m_tags))
        return true;
    if (const s3::Result<s3::Ok> valid = s3::validateTags(*tags); !valid) {
        *problem = sentence(valid.error().message());
        return false;
    }
    return true;
}

bool PropertiesDialog::tagsEdited() const
{
    if (!m_tagsLoaded)
        return false;
    QList<s3::ObjectTag> tags;
    QString problem;
    if (!editedTags(&tags, &problem))
        return true;
    return sortedTags(tags) != sortedTags(m_tags);
}

void PropertiesDialog::askForSseCustomerKey(bool refused)
{
    if (m_keyPrompt)
        return;
    auto *prompt = new SseCustomerKeyDialog(m_key, refused, this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    m_keyPrompt = prompt;
    connect(prompt, &QDialog::finished, this, [this] { m_keyPrompt = nullptr; }); // it goes away later
    connect(prompt, &QDialog::accepted, this, [this, prompt] {
        m_keyPrompt = nullptr;
        m_sseCustomerKey = prompt->key();
        reload();
    });
    prompt->open();
}

void PropertiesDialog::readAccess()
{
    s3::cancelQuietly(m_acl, this);
    m_acl = new s3::GetObjectAclJob(m_session->client(), m_bucket, m_key);
    m_accessLabel->setText(tr("reading…"));
    m_accessLabel->setStyleSheet({});
    connect(m_acl, &s3::Job::finished, this, [this, job = m_acl] {
        if (job != m_acl)
            return;
        m_acl = nullptr;
        if (job->hasError()) {
            // Reading an ACL needs its own permission (READ_ACP): without it the rest of the dialog still works.
            m_accessLabel->setText(tr("Not known: %1").arg(errorText(job->error())));
            m_accessLabel->setStyleSheet(ErrorStyle);
            return;
        }
        m_accessLabel->setText(accessText(job->policy()));
    });
    m_acl->start();
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
        if (s3::isSseCustomerKeyError(job->error()))
            askForSseCustomerKey(job->error().code() == s3::SseCustomerKeyRefusedCode);
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

QString PropertiesDialog::storageClassText(const s3::ObjectMetadata &metadata)
{
    // HeadObject leaves out x-amz-storage-class for STANDARD.
    const QString storageClass = metadata.storageClass.isEmpty() ? QStringLiteral("STANDARD") : metadata.storageClass;
    if (!metadata.restore.requested)
        return storageClass;
    return metadata.restore.ongoing ? tr("%1 (Restore: in progress)").arg(storageClass)
                                    : tr("%1 (Restore: %2)").arg(storageClass, s3::restore::describe(metadata.restore));
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
    m_storageClassLabel->setText(known ? storageClassText(m_metadata) : QString());
    m_encryptionLabel->setText(known ? describeEncryption(m_metadata.serverSideEncryption, m_metadata.sseKmsKeyId, m_metadata.sseCustomerAlgorithm)
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
    attributes->expires = m_metadata.expires;
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

bool PropertiesDialog::metadataEdited() const
{
    s3::ObjectAttributes attributes;
    QString problem;
    if (!editedAttributes(&attributes, &problem))
        return true; // something was typed, even if it cannot be saved yet
    return attributes.contentType != m_metadata.contentType || attributes.userMetadata != m_metadata.userMetadata;
}

bool PropertiesDialog::isEdited() const
{
    return metadataEdited() || tagsEdited();
}

bool PropertiesDialog::canSave() const
{
    // Tags still being read are not waited for: they are not edited yet, and the copy keeps them.
    if (!m_loaded || m_head || m_copy || m_putTags)
        return false;
    s3::ObjectAttributes attributes;
    QList<s3::ObjectTag> tags;
    QString problem;
    return editedAttributes(&attributes, &problem) && (!m_tagsLoaded || editedTags(&tags, &problem)) && isEdited();
}

void PropertiesDialog::updateState()
{
    const bool busy = isBusy();
    const bool editable = m_loaded && !m_head && !m_copy && !m_putTags;
    m_contentTypeEdit->setReadOnly(!editable);
    m_metadataTable->setEditTriggers(editable ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                                    | QAbstractItemView::AnyKeyPressed
                                              : QAbstractItemView::NoEditTriggers);
    m_addButton->setEnabled(editable);
    m_removeButton->setEnabled(editable && m_metadataTable->currentRow() >= 0);
    const bool tagsEditable = editable && m_tagsLoaded && !m_tagging;
    m_tagsTable->setEditTriggers(tagsEditable ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                                    | QAbstractItemView::AnyKeyPressed
                                              : QAbstractItemView::NoEditTriggers);
    m_addTagButton->setEnabled(tagsEditable);
    m_removeTagButton->setEnabled(tagsEditable && m_tagsTable->currentRow() >= 0);
    m_reloadButton->setEnabled(!busy);

    if (m_loaded && m_metadata.size > copyThreshold()) {
        m_limitLabel->setText(savesInQueue()
                                  ? tr("This object is too large for a single copy: saving copies it onto itself in parts on "
                                       "the server, in the transfers panel (pause and resume work there). A change of the "
                                       "tags alone is saved at once. Nothing is downloaded.")
                                  : tr("This object is too large for a single copy: saving copies it onto itself in parts on "
                                       "the server, which takes a while. Nothing is downloaded."));
        m_limitLabel->setVisible(true);
    } else {
        m_limitLabel->setVisible(false);
    }

    s3::ObjectAttributes attributes;
    QList<s3::ObjectTag> tags;
    QString problem;
    const bool valid = !m_loaded || (editedAttributes(&attributes, &problem) && (!m_tagsLoaded || editedTags(&tags, &problem)));
    m_problemLabel->setText(valid ? QString() : problem);
    m_problemLabel->setVisible(!valid);
    m_saveButton->setEnabled(canSave());
}

void PropertiesDialog::save()
{
    if (!canSave())
        return;
    s3::ObjectAttributes attributes;
    QList<s3::ObjectTag> tags;
    QString problem;
    if (!editedAttributes(&attributes, &problem) || (m_tagsLoaded && !editedTags(&tags, &problem)))
        return;
    showError({});
    setStatus(tr("Saving…"));
    s3::cancelQuietly(m_tagging, this); // not known yet, so not edited: read again after the save
    const bool newTags = tagsEdited();
    if (!metadataEdited()) {
        // Tags are a subresource: changing them leaves the data, the headers and the ETag as they are.
        writeTags(tags);
        updateState();
        return;
    }
    // The copy carries the new tags; without any it keeps the object's, which are then removed.
    if (newTags)
        attributes.tags = tags;
    if (savesInQueue()) {
        if (newTags && tags.isEmpty() && m_metadata.taggingCount != 0) {
            // The queued copy runs on its own later: the tags go first, so that it finds none to keep.
            m_enqueueAfterTags = attributes;
            writeTags({});
            updateState();
            return;
        }
        enqueueSave(attributes);
        return;
    }
    m_removeTagsAfterCopy = newTags && tags.isEmpty();
    m_copy = new s3::ServerCopyJob(m_session->client(), m_bucket, m_key, m_bucket, m_key);
    m_copy->setReplaceAttributes(attributes);
    // An SSE-C object is read with its key and stays encrypted with it.
    m_copy->setSourceSseCustomerKey(m_sseCustomerKey);
    // Only the version that was read is rewritten: a newer one (uploaded meanwhile) is not clobbered.
    if (!m_metadata.etag.isEmpty())
        m_copy->setSourceIfMatch(m_metadata.etag);
    // The copy onto itself would reset the object's permissions to private: they are read and put back.
    m_copy->setKeepAcl(true);
    connect(m_copy, &s3::Job::finished, this, &PropertiesDialog::copyFinished);
    m_copy->start();
    updateState();
}

void PropertiesDialog::copyFinished()
{
    const s3::ServerCopyJob *job = m_copy;
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
    if (m_removeTagsAfterCopy) {
        m_removeTagsAfterCopy = false;
        writeTags({});
        return;
    }
    saved();
}

void PropertiesDialog::writeTags(const QList<s3::ObjectTag> &tags)
{
    m_putTags = new s3::PutObjectTaggingJob(m_session->client(), m_bucket, m_key, tags);
    connect(m_putTags, &s3::Job::finished, this, [this, job = m_putTags] {
        if (job != m_putTags)
            return;
        m_putTags = nullptr;
        if (job->hasError()) {
            m_enqueueAfterTags.reset();
            setStatus({});
            showError(tr("Cannot save the tags of %1: %2").arg(m_key, errorText(job->error())));
            updateState();
            return;
        }
        if (m_enqueueAfterTags) {
            const s3::ObjectAttributes attributes = *std::exchange(m_enqueueAfterTags, std::nullopt);
            enqueueSave(attributes);
            return;
        }
        saved();
    });
    m_putTags->start();
}

qint64 PropertiesDialog::copyThreshold() const
{
    return qMin(m_session->client()->multipartCopyThreshold(), s3::ServerCopyJob::MaxSingleCopyBytes);
}

bool PropertiesDialog::savesInQueue() const
{
    return m_loaded && m_metadata.size > copyThreshold() && m_session->transfers();
}

void PropertiesDialog::enqueueSave(const s3::ObjectAttributes &attributes)
{
    s3::CopyOptions options;
    options.multipartThreshold = copyThreshold();
    options.sourceSize = m_metadata.size;
    options.replaceAttributes = attributes;
    // As the direct save: only the version that was read is rewritten, its grants put back, SSE-C kept.
    options.sourceIfMatch = m_metadata.etag;
    options.keepAcl = true;
    options.sourceSseCustomerKey = m_sseCustomerKey;
    m_session->transfers()->enqueueCopy(m_bucket, m_key, m_bucket, m_key, options);
    const QString message = tr("The new properties of %1 are saved by copying it onto itself in parts on the server. This "
                               "continues in the transfers panel, where it can be paused and resumed; the object keeps its "
                               "old properties until the copy is complete.")
                                .arg(m_key);
    Q_EMIT saveQueued(m_bucket, m_key, message);
    // The dialog closes: a message box of the window under it says where the save went.
    auto *box = new QMessageBox(QMessageBox::Information, tr("Saving in the transfers panel"), message, QMessageBox::Ok,
                                parentWidget());
    box->setObjectName(u"propertiesSaveQueued"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    accept();
}

void PropertiesDialog::saved()
{
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
