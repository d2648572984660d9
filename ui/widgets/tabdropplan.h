// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace s3ui {

/**
 * Objects dragged onto another tab (pure planning, no I/O). `dragged` are the keys of the drag (folders end with
 * '/'), each keeping its own name in the target: a file "a/b/c.txt" dropped on "x/" becomes "x/c.txt", every
 * object under a folder "a/f/" becomes "x/f/" + the rest of its key (a search can drag keys of several folders).
 */
QString tabDropTarget(const QStringList &dragged, const QString &targetPrefix, const QString &key);

/**
 * Why the drag cannot be copied (or moved) to targetBucket/targetPrefix, or empty: nothing dragged, no bucket
 * in the target tab, and in the same connection: every item already there (a copy onto itself), a folder into
 * itself or below itself. Between two connections the same names are other objects.
 */
QString tabDropProblem(const QString &sourceBucket, const QStringList &dragged, const QString &targetBucket,
                       const QString &targetPrefix, bool sameConnection = true);

} // namespace s3ui
