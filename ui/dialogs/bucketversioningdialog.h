// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QPointer>

#include "s3core/types.h"

class QLabel;
class QMessageBox;
class QPushButton;

namespace s3ui {

class Session;

/**
 * A bucket's versioning: the status as the server reports it (never enabled, enabled, suspended) and buttons to
 * enable or suspend it. Each switch asks first (Cancel is the default) and says what it means: suspending keeps
 * every version the bucket has, and a bucket never goes back to unversioned. Asynchronous; errors are shown in
 * the dialog.
 */
class BucketVersioningDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BucketVersioningDialog)
public:
    BucketVersioningDialog(Session *session, const QString &bucket, QWidget *parent = nullptr);
    ~BucketVersioningDialog() override;

    /** The status last read (valid once isLoaded()). */
    s3::BucketVersioning status() const { return m_status; }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    QString statusText() const;
    QPushButton *enableButton() const { return m_enable; }
    QPushButton *suspendButton() const { return m_suspend; }
    /** The confirmation on screen (null when none). */
    QMessageBox *pendingQuestion() const { return m_question; }

Q_SIGNALS:
    void statusLoaded();

private:
    void load();
    void ask(s3::BucketVersioning target);
    void apply(s3::BucketVersioning target);
    void setBusy(bool busy);

    QPointer<Session> m_session;
    QString m_bucket;
    QLabel *m_label;
    QLabel *m_error;
    QPushButton *m_enable;
    QPushButton *m_suspend;
    QPointer<QMessageBox> m_question;
    s3::BucketVersioning m_status = s3::BucketVersioning::Unversioned;
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace s3ui
