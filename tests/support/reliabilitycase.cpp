// SPDX-License-Identifier: Apache-2.0
#include "reliabilitycase.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

void recordReliabilityCase(const ReliabilityCase &row)
{
    const QString path = qEnvironmentVariable("S3DESK_RELIABILITY_LOG");
    if (path.isEmpty())
        return;
    const char *function = QTest::currentTestFunction();
    const char *tag = QTest::currentDataTag();
    const QJsonObject line{
        {QStringLiteral("area"), row.area},
        {QStringLiteral("input"), row.input},
        {QStringLiteral("expected"), row.expected},
        {QStringLiteral("observed"), row.observed},
        {QStringLiteral("dataIntact"), row.dataIntact},
        {QStringLiteral("server"), row.server},
        {QStringLiteral("test"), QString(QString::fromUtf8(QTest::currentAppName()) + QLatin1String("::")
                                         + QString::fromUtf8(function ? function : "")
                                         + (tag ? QString(QLatin1String("(") + QString::fromUtf8(tag) + QLatin1String(")")) : QString()))},
    };
    QFile file(path);
    if (!file.open(QIODevice::Append | QIODevice::WriteOnly)) {
        qWarning("recordReliabilityCase: cannot append to %s", qPrintable(path));
        return;
    }
    file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
}
