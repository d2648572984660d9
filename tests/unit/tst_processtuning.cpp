// SPDX-License-Identifier: Apache-2.0
#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QSemaphore>
#include <QTest>
#include <QThread>

#include "s3core/transfer/processtuning.h"

using namespace s3;

class TestProcessTuning : public QObject
{
    Q_OBJECT

private:
    static QByteArray dispatcherOfNewThread()
    {
        QThread thread;
        QByteArray name;
        QSemaphore ready;
        QObject::connect(&thread, &QThread::started, &thread, [&] {
            name = QAbstractEventDispatcher::instance()->metaObject()->className();
            ready.release();
        }, Qt::DirectConnection);
        thread.start();
        ready.acquire();
        thread.quit();
        thread.wait();
        return name;
    }

private Q_SLOTS:
    void newThreadsGetThePlainDispatcher()
    {
        qunsetenv("QT_NO_GLIB");
        preferPlainEventDispatcherForNewThreads();
        QCOMPARE(qgetenv("QT_NO_GLIB"), QByteArray("1"));
        QCOMPARE(dispatcherOfNewThread(), QByteArray("QEventDispatcherUNIX"));
    }

    void aValueTheUserSetIsKept()
    {
        qputenv("QT_NO_GLIB", QByteArray("yes"));
        preferPlainEventDispatcherForNewThreads();
        QCOMPARE(qgetenv("QT_NO_GLIB"), QByteArray("yes"));
    }
};

QTEST_GUILESS_MAIN(TestProcessTuning)
#include "tst_processtuning.moc"
