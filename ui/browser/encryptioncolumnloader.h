// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

class QTableView;

namespace s3 {
class HeadObjectJob;
}

namespace s3ui {

class ObjectListModel;
class Session;

/**
 * Fills the browser's Encryption column. A listing does not say how objects are encrypted, so while the column is
 * shown this asks the server (a HEAD) for the files in view only, a few at a time, as the user scrolls; each file
 * once per listing. Nothing is asked while the column is hidden, so the browser costs the same as without it.
 * Answers for an earlier listing (another folder, a refresh) are dropped; a move of the view cancels nothing that
 * runs, it only changes what is asked next.
 */
class EncryptionColumnLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EncryptionColumnLoader)
public:
    static constexpr int MaxRequestsInFlight = 4;

    EncryptionColumnLoader(QTableView *view, ObjectListModel *model, QObject *parent = nullptr);
    ~EncryptionColumnLoader() override;

    void setSession(Session *session);
    /** On while the column is shown. */
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    /** HEAD requests sent so far (for tests: none while the column is hidden). */
    int requestsSent() const { return m_requestsSent; }

private:
    void schedule();
    void askForRowsInView();
    void ask(const QString &bucket, const QString &key, const QString &name);
    void stopAll();

    QPointer<QTableView> m_view;
    QPointer<ObjectListModel> m_model;
    QPointer<Session> m_session;
    QTimer m_timer;
    bool m_enabled = false;
    quint64 m_generation = 0;
    QSet<QString> m_asked; // names asked about in this listing
    QList<QPointer<s3::HeadObjectJob>> m_running;
    int m_requestsSent = 0;
};

} // namespace s3ui
