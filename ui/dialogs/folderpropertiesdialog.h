// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QPointer>
#include <QString>

#include "s3core/ops/countobjectsjob.h"

class QLabel;

namespace s3ui {

class Session;

/**
 * Properties of a folder (a prefix): its s3:// URI, and the total size and number of objects under it, walked
 * when the dialog opens (CountObjectsJob: paged listings, counts only) and updated live as pages arrive. Closing
 * the dialog cancels the walk. The session must outlive the dialog.
 */
class FolderPropertiesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FolderPropertiesDialog)
public:
    FolderPropertiesDialog(Session *session, const QString &bucket, const QString &prefix, QWidget *parent = nullptr);
    ~FolderPropertiesDialog() override;

    /** Keys per listing page of the walk (tests: small pages, to see it update). Call before the walk starts. */
    void setPageSize(int keys) { m_pageSize = keys; }
    bool isCounting() const { return m_walk; }
    bool isComplete() const { return m_complete; }
    qint64 objectCount() const { return m_objects; }
    qint64 totalBytes() const { return m_bytes; }
    QLabel *uriLabel() const { return m_uri; }
    QLabel *objectsLabel() const { return m_objectsLabel; }
    QLabel *sizeLabel() const { return m_sizeLabel; }
    QLabel *statusLabel() const { return m_status; }

    void done(int result) override;

private:
    void startWalk();
    void showCounts(qint64 objects, qint64 bytes);

    QPointer<Session> m_session;
    QString m_bucket;
    QString m_prefix;
    QLabel *m_uri;
    QLabel *m_objectsLabel;
    QLabel *m_sizeLabel;
    QLabel *m_status;
    QPointer<s3::CountObjectsJob> m_walk;
    int m_pageSize = 0;
    bool m_complete = false;
    bool m_closed = false;
    qint64 m_objects = 0;
    qint64 m_bytes = 0;
};

} // namespace s3ui
