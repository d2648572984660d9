// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

namespace s3::platform {

// Runs handler(result) on context's thread once future has its result, and never after context is gone.
// QFuture::then(context, ...) cannot promise the latter before Qt 6.6: a context destroyed while the worker still
// runs trips an assertion (or, in release builds, posts to a dead object). A watcher owned by context goes away
// with it; the handler is queued so that it may delete context without deleting the watcher under its own signal.
template <typename T, typename Handler>
void whenReady(QObject *context, const QFuture<T> &future, Handler handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, context, handler = std::move(handler)]() mutable {
        T result = watcher->result();
        watcher->deleteLater();
        QMetaObject::invokeMethod(
            context, [handler = std::move(handler), result = std::move(result)]() mutable { handler(std::move(result)); },
            Qt::QueuedConnection);
    });
    watcher->setFuture(future);
}

} // namespace s3::platform
