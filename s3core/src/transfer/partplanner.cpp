// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/partplanner.h"

#include <algorithm>

#include <QString>

#include "s3core/types.h"

namespace s3 {

qint64 PartPlan::partLength(int index) const
{
    if (index < 0 || index >= partCount)
        return 0;
    if (index + 1 < partCount)
        return partSize;
    return objectSize - partOffset(index);
}

Result<PartPlan> planParts(qint64 objectSize, qint64 preferredPartSize)
{
    if (objectSize < 0)
        return S3Error::invalid(QStringLiteral("cannot plan an upload of a negative size (%1 bytes)").arg(objectSize));
    if (objectSize > MaxObjectSize)
        return S3Error::invalid(QStringLiteral("the object is %1, larger than S3's limit of 5 TiB per object")
                                    .arg(formatByteSize(objectSize)));
    PartPlan plan;
    plan.objectSize = objectSize;
    plan.partSize = std::clamp(preferredPartSize <= 0 ? DefaultPartSize : preferredPartSize, MinPartSize, MaxPartSize);
    if (objectSize == 0) {
        plan.partCount = 1;
        return plan;
    }
    const auto partsFor = [objectSize](qint64 partSize) { return (objectSize + partSize - 1) / partSize; };
    if (partsFor(plan.partSize) > MaxParts) {
        // The smallest whole-MiB size that fits in MaxParts parts (at most 525 MiB for 5 TiB, below MaxPartSize).
        const qint64 needed = (objectSize + MaxParts - 1) / MaxParts;
        plan.partSize = (needed + MiB - 1) / MiB * MiB;
    }
    plan.partCount = int(partsFor(plan.partSize));
    return plan;
}

} // namespace s3
