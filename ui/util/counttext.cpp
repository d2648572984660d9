// SPDX-License-Identifier: Apache-2.0
#include "util/counttext.h"

#include <algorithm>
#include <limits>

#include <QCoreApplication>

#include "util/format.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui::counttext {

namespace {
// Qt's %n takes an int; a count beyond that (two billion objects) still reads right with the "many" form.
int pluralCount(qint64 n)
{
    return int(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
}

// The texts come marked with QT_TRANSLATE_N_NOOP, which lupdate reads as counted (plural) texts of this context.
QString counted(const char *text, qint64 n)
{
    return QCoreApplication::translate("s3ui::counttext", text, nullptr, pluralCount(n));
}

} // namespace

QString objectsAndSize(qint64 objects, qint64 bytes)
{
    return QCoreApplication::translate("s3ui::counttext", "%1, %2").arg(counted(QT_TRANSLATE_N_NOOP("s3ui::counttext", "%Ln object(s)"), objects), formatSize(bytes));
}

QString bucketContents(const s3::ObjectCounts &counts)
{
    const QString current = objectsAndSize(counts.objects, counts.bytes);
    if (counts.versions == counts.objects && counts.deleteMarkers == 0)
        return current;
    return QCoreApplication::translate("s3ui::counttext", "%1 (%2 and %3 in all, %4)")
        .arg(current, counted(QT_TRANSLATE_N_NOOP("s3ui::counttext", "%Ln version(s)"), counts.versions), counted(QT_TRANSLATE_N_NOOP("s3ui::counttext", "%Ln delete marker(s)"), counts.deleteMarkers),
             formatSize(counts.versionBytes));
}

QString counting(qint64 objects, qint64 bytes)
{
    return QCoreApplication::translate("s3ui::counttext", "Counting… %1 so far").arg(objectsAndSize(objects, bytes));
}

QString deleteQuestion(int files, int folders, qint64 objects, qint64 bytes)
{
    if (folders == 0)
        return QCoreApplication::translate("s3ui::counttext", "Delete %1 (%2)?").arg(counted(QT_TRANSLATE_N_NOOP("s3ui::counttext", "%Ln file(s)"), files), formatSize(bytes));
    const QString what = files == 0 ? counted(QT_TRANSLATE_N_NOOP("s3ui::counttext", "%Ln folder(s)"), folders)
                                     : QCoreApplication::translate("s3ui::counttext", "%1 and %2").arg(counted(QT_TRANSLATE_N_NOOP("s3ui::counttext", "%Ln file(s)"), files), counted(QT_TRANSLATE_N_NOOP("s3ui::counttext", "%Ln folder(s)"), folders));
    return QCoreApplication::translate("s3ui::counttext", "Delete %1: %2?").arg(what, objectsAndSize(objects, bytes));
}

} // namespace s3ui::counttext
