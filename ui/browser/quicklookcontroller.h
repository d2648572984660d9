// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QString>

#include "s3core/s3error.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/types.h"
#include "util/previewkind.h"

template<typename T>
class QFutureWatcher;

namespace s3 {
class GetObjectJob;
}

namespace s3ui {

class QuickLookPane;
class Session;
class SseKeyController;

/** An image decoded off the GUI thread for Quick look. */
struct QuickLookImage
{
    QImage image;     ///< reduced to at most MaxSide pixels on a side
    QSize size;       ///< the image's own size
    QByteArray format; ///< "png", "jpeg", ... as the reader names it
    QString error;    ///< why it could not be decoded (image null)
};

/**
 * Fetches what Quick look shows and hands it to the pane (the widget shows, this acts). One object at a time:
 * show() of another object cancels the running request (or drops the running decode) and starts the new one, so
 * moving through the table with the arrows never queues requests; stop() cancels everything.
 *
 * It never fetches the whole of a large object: one ranged GET of firstFetchBytes() (the first 1 MiB; an image
 * named so and up to 16 MiB whole), and a second one only for an image found by its bytes (up to 16 MiB). The kind
 * is choosePreviewKind() of the answer's Content-Type, the name and the bytes. Text is decoded on the GUI thread
 * (1 MiB: a few milliseconds); images are decoded on a QThreadPool thread (QImageReader with Qt's allocation limit,
 * reduced there to MaxSide), since a 16 MiB image takes far longer than a frame. The project does not link
 * QtConcurrent, so the result comes back through a QPromise/QFutureWatcher (QtCore).
 *
 * SSE-C: the object's GET needs the customer key. The browser's SseKeyController is used: a key already given in
 * this session is tried at once; else the pane says so and offers "Enter key…" (asking only when the user wants
 * to, not while they move through the table).
 */
class QuickLookController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickLookController)
public:
    static constexpr int MaxSide = 2048;

    QuickLookController(QuickLookPane *pane, SseKeyController *sseKeys, QObject *parent = nullptr);
    ~QuickLookController() override;

    void setSession(Session *session);
    /** Shows this object (listedSize from the listing); the same object again does nothing. */
    void show(const QString &bucket, const QString &key, qint64 listedSize);
    /** Shows a message instead of an object (a folder, nothing selected) and cancels what runs. */
    void showMessage(const QString &title, const QString &message);
    /** Cancels what runs and forgets the object (the pane was closed). */
    void stop();

    /** For tests: GET requests started, and how many of them were cancelled before they finished. */
    int requestsStarted() const { return m_started; }
    int requestsCancelled() const { return m_cancelled; }
    /** For tests: the Range header of the last request ("bytes=0-1048575"). */
    QString lastRange() const { return m_lastRange; }
    /** A request or a decode is running. */
    bool isBusy() const;

    static QuickLookImage decodeImage(const QByteArray &data, int maxSide);

private:
    void cancelRunning();
    void fetch(qint64 bytes);
    void fetched(s3::GetObjectJob *job);
    void present(const QByteArray &data, const QString &contentType, qint64 total);
    void presentHex(const QByteArray &data, qint64 total, const QString &why);
    void decode(const QByteArray &data, qint64 total);
    void askForKey();
    QString title() const;

    QPointer<QuickLookPane> m_pane;
    QPointer<SseKeyController> m_sseKeys;
    QPointer<Session> m_session;
    QString m_bucket;
    QString m_key;
    qint64 m_listedSize = -1;
    qint64 m_fetchBytes = 0; ///< the range of the running/last request: bytes 0 to m_fetchBytes - 1
    s3::S3Error m_lastError; ///< of the last request (the SSE-C prompt names it)
    s3::SseCustomerKey m_triedKey; ///< the key the running/last request sent (null: none)
    QPointer<s3::GetObjectJob> m_job;
    QFutureWatcher<QuickLookImage> *m_decode = nullptr;
    quint64 m_generation = 0; ///< which object; answers for an earlier one are dropped
    int m_started = 0;
    int m_cancelled = 0;
    QString m_lastRange;
};

} // namespace s3ui
