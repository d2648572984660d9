// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "s3core/s3core_export.h"
#include "s3core/types.h"

namespace s3 {

/** One object of a folder move: where it is, where it goes, and how large it is (as listed). */
struct PrefixMoveItem
{
    QString sourceKey;
    QString targetKey;
    qint64 size = 0;
    friend bool operator==(const PrefixMoveItem &, const PrefixMoveItem &) = default;
};

/** What planPrefixMove() decided for one page of a folder's listing. */
struct PrefixMovePlan
{
    /** Moved by the folder move itself (CopyObject, then delete), in listing order. */
    QList<PrefixMoveItem> direct;
    /** Too large for one CopyObject: each goes to the transfer queue as a move of its own (CopyTask). */
    QList<PrefixMoveItem> queued;
    /** Keys the listing gave that are not below the source prefix: moving them would invent a target. */
    QStringList outside;
};

/**
 * Where each listed object of sourcePrefix goes when the folder is moved to targetPrefix: its key with the
 * prefix replaced. Objects larger than queueAbove bytes (-1: none) are copied in parts, which can take minutes or
 * hours, so they are planned for the transfer queue, where they show progress and survive a pause or a restart;
 * the others (the folder marker "prefix/" included) stay with the folder move. Pure: no I/O.
 */
S3CORE_EXPORT PrefixMovePlan planPrefixMove(const QList<ObjectInfo> &objects, const QString &sourcePrefix, const QString &targetPrefix,
                                            qint64 queueAbove);

} // namespace s3
