// SPDX-License-Identifier: Apache-2.0
#include "browser/quicklookcontroller.h"

#include <algorithm>
#include <memory>

#include <QBuffer>
#include <QFutureWatcher>
#include <QImageReader>
#include <QPromise>
#include <QThreadPool>

#include "browser/ssekeycontroller.h"
#include "connection/session.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ssecustomerkey.h"
#include "util/format.h"
#include "util/hexdump.h"
#include "util/textdecode.h"
#include "widgets/quicklookpane.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

QuickLookController::QuickLookController(QuickLookPane *pane, SseKeyController *sseKeys, QObject *parent)
    : QObject(parent)
    , m_pane(pane)
    , m_sseKeys(sseKeys)
{
    connect(pane, &QuickLookPane::keyRequested, this, &QuickLookController::askForKey);
}

QuickLookController::~QuickLookController()
{
    cancelRunning();
}

void QuickLookController::setSession(Session *session)
{
    stop();
    m_session = session;
}

bool QuickLookController::isBusy() const
{
    return m_job || m_decode;
}

QString QuickLookController::title() const
{
    const qsizetype slash = m_key.lastIndexOf(u'/');
    return m_key.sliced(slash + 1);
}

void QuickLookController::cancelRunning()
{
    if (m_job) {
        ++m_cancelled;
        s3::cancelQuietly(m_job, this);
    }
    if (m_decode) {
        // The pool thread finishes its decode and writes into the promise, which outlives the watcher.
        m_decode->disconnect(this);
        m_decode->deleteLater();
        m_decode = nullptr;
    }
    ++m_generation;
}

void QuickLookController::stop()
{
    cancelRunning();
    m_bucket.clear();
    m_key.clear();
    m_lastError = {};
}

void QuickLookController::showMessage(const QString &title, const QString &message)
{
    stop();
    if (m_pane)
        m_pane->showMessage(title, message);
}

void QuickLookController::show(const QString &bucket, const QString &key, qint64 listedSize)
{
    if (bucket == m_bucket && key == m_key)
        return;
    cancelRunning();
    m_bucket = bucket;
    m_key = key;
    m_listedSize = listedSize;
    m_triedKey = {};
    m_lastError = {};
    if (!m_pane)
        return;
    if (!m_session || !m_session->client()) {
        m_pane->showMessage(title(), tr("Not connected."));
        return;
    }
    m_fetchBytes = firstFetchBytes(key, listedSize);
    if (m_fetchBytes == 0) {
        m_pane->showText(title(), {}, tr("Empty file"));
        return;
    }
    m_pane->showMessage(title(), tr("Loading…"));
    fetch(m_fetchBytes);
}

void QuickLookController::fetch(qint64 bytes)
{
    m_fetchBytes = bytes;
    auto *job = new s3::GetObjectJob(m_session->client(), m_bucket, m_key, this);
    s3::GetObjectOptions options;
    options.rangeFirst = 0;
    options.rangeLast = bytes - 1;
    job->setOptions(options);
    // A server that ignores the Range and sends the whole object fails here instead of filling the memory.
    job->setMaxMemoryBytes(bytes);
    if (!m_triedKey.isNull())
        job->setSseCustomerKey(m_triedKey);
    m_lastRange = u"bytes=0-%1"_s.arg(bytes - 1);
    m_job = job;
    ++m_started;
    connect(job, &s3::Job::finished, this, [this, job] {
        if (job == m_job)
            fetched(job);
    });
    job->start();
}

void QuickLookController::fetched(s3::GetObjectJob *job)
{
    m_job = nullptr;
    if (!m_pane)
        return;
    if (job->hasError()) {
        const s3::S3Error &error = job->error();
        m_lastError = error;
        if (s3::isSseCustomerKeyError(error)) {
            const s3::SseCustomerKey sessionKey = m_sseKeys ? m_sseKeys->key() : s3::SseCustomerKey();
            if (!sessionKey.isNull() && !(sessionKey == m_triedKey)) {
                m_triedKey = sessionKey; // the key given for a download of this session: try it first
                fetch(m_fetchBytes);
                return;
            }
            m_pane->showMessage(title(),
                                m_triedKey.isNull()
                                    ? tr("This object is encrypted with a customer key (SSE-C); download it to view, "
                                         "or enter the key.")
                                    : tr("This object is encrypted with a customer key (SSE-C) and the key given was "
                                         "refused; download it to view, or enter the key it was written with."),
                                m_sseKeys != nullptr);
            return;
        }
        m_pane->showMessage(title(), tr("Cannot show this object.\n%1").arg(error.toString()));
        return;
    }
    const s3::ObjectMetadata &metadata = job->metadata();
    const QByteArray data = job->data();
    present(data, metadata.contentType, std::max<qint64>(metadata.size, data.size()));
}

void QuickLookController::present(const QByteArray &data, const QString &contentType, qint64 total)
{
    const bool cut = data.size() < total;
    switch (choosePreviewKind(contentType, m_key, data, cut)) {
    case PreviewKind::Image:
        if (!cut) {
            decode(data, total);
        } else if (total <= preview::ImageMaxBytes && m_fetchBytes < total) {
            fetch(total); // found an image by its bytes: the whole of it, once (at most ImageMaxBytes)
        } else {
            presentHex(data, total, tr("The image is larger than %1, so it is not shown.").arg(formatSize(preview::ImageMaxBytes)));
        }
        return;
    case PreviewKind::Text: {
        const DecodedText decoded = decodeText(data, cut);
        const QString note = cut ? tr("Showing the first %1 of %2 (%3)").arg(formatSize(data.size()), formatSize(total), decoded.encoding)
                                 : tr("%1 (%2)").arg(formatSize(total), decoded.encoding);
        m_pane->showText(title(), decoded.text, note);
        return;
    }
    case PreviewKind::Unknown:
    case PreviewKind::Binary:
        presentHex(data, total, {});
        return;
    }
}

void QuickLookController::presentHex(const QByteArray &data, qint64 total, const QString &why)
{
    const QByteArray shown = data.first(std::min<qsizetype>(data.size(), preview::HexBytes));
    QString note = shown.size() < total ? tr("Showing the first %1 of %2").arg(formatSize(shown.size()), formatSize(total))
                                        : formatSize(total);
    if (!why.isEmpty())
        note = why + u' ' + note;
    m_pane->showHex(title(), hexDump(shown), note);
}

QuickLookImage QuickLookController::decodeImage(const QByteArray &data, int maxSide)
{
    QuickLookImage result;
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    result.format = reader.format();
    result.size = reader.size();
    // JPEG and SVG decode straight at the reduced size; the others are reduced after decoding.
    if (result.size.isValid() && (result.size.width() > maxSide || result.size.height() > maxSide))
        reader.setScaledSize(result.size.scaled(maxSide, maxSide, Qt::KeepAspectRatio));
    result.image = reader.read();
    if (result.image.isNull()) {
        result.error = reader.errorString();
        return result;
    }
    if (!result.size.isValid())
        result.size = result.image.size();
    if (result.image.width() > maxSide || result.image.height() > maxSide)
        result.image = result.image.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return result;
}

void QuickLookController::decode(const QByteArray &data, qint64 total)
{
    // Off the GUI thread: decoding up to 16 MiB of PNG takes far longer than a frame (see the class comment).
    auto promise = std::make_shared<QPromise<QuickLookImage>>();
    auto *watcher = new QFutureWatcher<QuickLookImage>(this);
    m_decode = watcher;
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, data, total] {
        if (watcher != m_decode || generation != m_generation)
            return;
        m_decode = nullptr;
        watcher->deleteLater();
        const QuickLookImage decoded = watcher->future().resultCount() > 0 ? watcher->future().result() : QuickLookImage();
        if (!m_pane)
            return;
        if (decoded.image.isNull()) {
            presentHex(data, total, tr("The image could not be decoded (%1).").arg(decoded.error.isEmpty() ? tr("unknown format") : decoded.error));
            return;
        }
        m_pane->showImage(title(), decoded.image, decoded.size,
                          tr("%1 × %2 pixels, %3, %4")
                              .arg(decoded.size.width())
                              .arg(decoded.size.height())
                              .arg(QString::fromLatin1(decoded.format.toUpper()), formatSize(total)));
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, data] {
        promise->addResult(decodeImage(data, MaxSide));
        promise->finish();
    });
}

void QuickLookController::askForKey()
{
    if (!m_sseKeys || m_key.isEmpty() || isBusy())
        return;
    const QPointer<QuickLookController> guard(this);
    const quint64 generation = m_generation;
    m_sseKeys->keyFor(m_key, m_lastError, m_triedKey, [guard, generation](const s3::SseCustomerKey &key) {
        // The selection may have moved on while the prompt was open: then the answer is for nothing on screen.
        if (!guard || generation != guard->m_generation || key.isNull() || !guard->m_pane)
            return;
        guard->m_triedKey = key;
        guard->m_pane->showMessage(guard->title(), tr("Loading…"));
        guard->fetch(guard->m_fetchBytes);
    });
}

} // namespace s3ui
