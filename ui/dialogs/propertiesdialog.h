// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>

#include <QDialog>
#include <QPointer>
#include <QString>

#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/putobjecttaggingjob.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/types.h"

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace s3 {
class GetObjectAclJob;
class HeadObjectJob;
class S3Error;
struct ObjectAttributes;
} // namespace s3

namespace s3ui {

class Session;

/**
 * Properties of one object, read with HeadObject: size, ETag, content type, last modified (local time),
 * storage class, the Cache-Control / Content-Disposition / Content-Encoding / Content-Language headers when
 * present, and the user metadata (x-amz-meta-*).
 *
 * The content type and the user metadata can be edited. Save copies the object onto itself (CopyObject with
 * the REPLACE directive, conditional on the ETag that was read, so a concurrent change is not overwritten)
 * with every other stored header kept as read; then the object is read again and objectChanged() is emitted.
 *
 * The object's tags (GetObjectTagging, read when the dialog opens) are shown in a table and can be edited too,
 * checked as S3 checks them (s3::validateTags()). A change of the tags alone is saved with PutObjectTagging (or
 * DeleteObjectTagging when none are left), which leaves the data, headers and ETag alone; with a metadata change
 * the copy carries the new tags. When the tags cannot be read (no permission, a server without tagging) the
 * table says why and stays read-only, and the copy keeps whatever tags the object has.
 * S3's CopyObject handles at most 5 GiB: a larger object (above the client's multipartCopyThreshold()) is saved
 * by a copy onto itself in parts, which may take a long while, so it goes to the transfer queue (a CopyTask with
 * the new attributes, the grants kept and the ETag read as condition): it shows progress in the transfers panel,
 * pauses, and resumes after a restart. The dialog then closes and says so (saveQueued(), a message box). Tags
 * removed altogether are removed first (DeleteObjectTagging), as the copy would keep the object's otherwise.
 * Errors are shown inline with the S3 error code. Everything is asynchronous; open it with open() or show().
 * The session must outlive the dialog.
 */
class PropertiesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropertiesDialog)
public:
    /** The largest object CopyObject can copy in a single request. */
    /** S3 limit of the user metadata: the UTF-8 bytes of all names and values together. */
    static constexpr int MaxUserMetadataBytes = 2048;

    PropertiesDialog(Session *session, const QString &bucket, const QString &key, QWidget *parent = nullptr);
    ~PropertiesDialog() override;

    QString bucket() const { return m_bucket; }
    QString key() const { return m_key; }
    /** What the last successful HeadObject answered (size -1 before the first answer). */
    const s3::ObjectMetadata &metadata() const { return m_metadata; }
    /** A HeadObject, the reading of the tags or the save is running. */
    bool isBusy() const { return m_head || m_copy || m_tagging || m_putTags; }
    /** The tags as last read (empty before, or when they could not be read: see tagsKnown()). */
    const QList<s3::ObjectTag> &tags() const { return m_tags; }
    bool tagsKnown() const { return m_tagsLoaded; }
    /** The edits differ from what was read, are valid, and the object can be copied in place. */
    bool canSave() const;

    /** Reads the object's properties again (drops unsaved edits). */
    void reload();
    /** Stores the edited content type and metadata (what the Save button does); no-op unless canSave(). */
    void save();

Q_SIGNALS:
    /** The object was rewritten with new attributes (its ETag may stay, its Last-Modified changes). */
    void objectChanged(const QString &bucket, const QString &key);
    /** A HeadObject answer was shown (after opening, Reload or Save). */
    void metadataLoaded();
    /** Reading or saving failed; the message (with the S3 code) is shown in the dialog too. */
    void failed(const QString &message);
    /** The save of a large object went to the transfer queue (and the dialog closes); message says so. */
    void saveQueued(const QString &bucket, const QString &key, const QString &message);

private:
    void headFinished();
    /** An SSE-C object: asks for its key (SseCustomerKeyDialog), then reads the object again with it. */
    void askForSseCustomerKey(bool refused);
    void readAccess();
    void copyFinished();
    void readTags();
    void showTags();
    void addTagRow();
    void removeSelectedTagRows();
    void writeTags(const QList<s3::ObjectTag> &tags);
    void saved();
    /** Objects above this many bytes are copied in parts: their save goes to the transfer queue. */
    qint64 copyThreshold() const;
    bool savesInQueue() const;
    /** Puts the copy onto itself with these attributes into the transfer queue, says so and closes. */
    void enqueueSave(const s3::ObjectAttributes &attributes);
    /** The tags as edited; false and the reason in *problem if S3 would refuse them. */
    bool editedTags(QList<s3::ObjectTag> *tags, QString *problem) const;
    bool tagsEdited() const;
    bool metadataEdited() const;
    void showMetadata();
    /** The storage class, with an archived object's restore status ("GLACIER (Restore: in progress)"). */
    static QString storageClassText(const s3::ObjectMetadata &metadata);
    void addMetadataRow();
    void removeSelectedMetadataRows();
    void updateState();
    /** The attributes to store; false and the reason in *problem if the edits are not valid. */
    bool editedAttributes(s3::ObjectAttributes *attributes, QString *problem) const;
    bool isEdited() const;
    void showError(const QString &message);
    void setStatus(const QString &text);

    Session *m_session;
    QString m_bucket;
    QString m_key;
    s3::ObjectMetadata m_metadata;
    bool m_loaded = false;
    bool m_filling = false; // showMetadata() is writing into the widgets: not an edit
    QPointer<s3::HeadObjectJob> m_head;
    QPointer<s3::ServerCopyJob> m_copy;
    QPointer<s3::GetObjectAclJob> m_acl;
    QPointer<s3::GetObjectTaggingJob> m_tagging;
    QPointer<s3::PutObjectTaggingJob> m_putTags;
    QList<s3::ObjectTag> m_tags;
    bool m_tagsLoaded = false;
    bool m_removeTagsAfterCopy = false; // the copy keeps the old tags; the user removed them all
    std::optional<s3::ObjectAttributes> m_enqueueAfterTags; // a queued save waits for the removal of the tags
    s3::SseCustomerKey m_sseCustomerKey; // given in the prompt for an SSE-C object; never stored
    QPointer<QDialog> m_keyPrompt;

    QFormLayout *m_form = nullptr;
    QLabel *m_sizeLabel = nullptr;
    QLabel *m_etagLabel = nullptr;
    QLineEdit *m_contentTypeEdit = nullptr;
    QLabel *m_lastModifiedLabel = nullptr;
    QLabel *m_storageClassLabel = nullptr;
    QLabel *m_encryptionLabel = nullptr;
    QLabel *m_cacheControlLabel = nullptr;
    QLabel *m_contentDispositionLabel = nullptr;
    QLabel *m_contentEncodingLabel = nullptr;
    QLabel *m_contentLanguageLabel = nullptr;
    QLabel *m_expiresLabel = nullptr;
    QLabel *m_accessLabel = nullptr; // who may read and write the object (its ACL)
    QTableWidget *m_metadataTable = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QTableWidget *m_tagsTable = nullptr;
    QPushButton *m_addTagButton = nullptr;
    QPushButton *m_removeTagButton = nullptr;
    QLabel *m_tagsErrorLabel = nullptr; // why the tags are not shown
    QLabel *m_limitLabel = nullptr;
    QLabel *m_problemLabel = nullptr; // why the edits cannot be saved as they are
    QLabel *m_errorLabel = nullptr;   // what the server answered
    QLabel *m_statusLabel = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_reloadButton = nullptr;
};

} // namespace s3ui
