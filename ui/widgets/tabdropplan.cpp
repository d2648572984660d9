// SPDX-License-Identifier: Apache-2.0
#include "widgets/tabdropplan.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

/** The folder holding `key` ("" at the root); a folder key's own parent, not itself. */
QString parentOf(const QString &key)
{
    const QString bare = key.endsWith(u'/') ? key.chopped(1) : key;
    const qsizetype slash = bare.lastIndexOf(u'/');
    return slash < 0 ? QString() : bare.left(slash + 1);
}

} // namespace

QString tabDropTarget(const QStringList &dragged, const QString &targetPrefix, const QString &key)
{
    // The longest dragged folder holding the key decides (a folder and a file inside it may both be dragged
    // from a search); a dragged file is itself. What is not dragged keeps its name below the target.
    qsizetype best = -1;
    for (const QString &item : dragged) {
        const bool holds = item == key || (item.endsWith(u'/') && key.startsWith(item));
        if (holds && (best < 0 || item.size() > dragged.at(best).size()))
            best = dragged.indexOf(item);
    }
    const QString parent = parentOf(best < 0 ? key : dragged.at(best));
    return targetPrefix + key.mid(parent.size());
}

QString tabDropProblem(const QString &sourceBucket, const QStringList &dragged, const QString &targetBucket,
                       const QString &targetPrefix, bool sameConnection)
{
    if (dragged.isEmpty())
        return QCoreApplication::translate("TabDrop", "Nothing was dragged.");
    if (targetBucket.isEmpty())
        return QCoreApplication::translate("TabDrop", "That tab shows no bucket: open a folder in it first.");
    if (!sameConnection || sourceBucket != targetBucket)
        return {};
    bool allThere = true;
    for (const QString &key : dragged) {
        if (key.endsWith(u'/') && targetPrefix.startsWith(key))
            return QCoreApplication::translate("TabDrop", "The folder %1 cannot be copied or moved into itself.").arg(key);
        allThere = allThere && parentOf(key) == targetPrefix;
    }
    if (allThere)
        return QCoreApplication::translate("TabDrop", "That tab shows the folder the items are in already.");
    return {};
}

} // namespace s3ui
