// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/prefixmoveplan.h"

namespace s3 {

PrefixMovePlan planPrefixMove(const QList<ObjectInfo> &objects, const QString &sourcePrefix, const QString &targetPrefix,
                              qint64 queueAbove)
{
    PrefixMovePlan plan;
    for (const ObjectInfo &object : objects) {
        // A server that answers keys outside the prefix asked for (or an empty prefix) must not make us move them.
        if (sourcePrefix.isEmpty() || !object.key.startsWith(sourcePrefix)) {
            plan.outside.append(object.key);
            continue;
        }
        PrefixMoveItem item{object.key, QString(targetPrefix + object.key.mid(sourcePrefix.size())), object.size};
        if (queueAbove >= 0 && object.size > queueAbove)
            plan.queued.append(std::move(item));
        else
            plan.direct.append(std::move(item));
    }
    return plan;
}

} // namespace s3
