// SPDX-License-Identifier: Apache-2.0
#include "widgets/bandwidthlimitbutton.h"

#include <QActionGroup>
#include <QMenu>

#include "s3core/net/ratelimiter.h"
#include "widgets/bandwidthlimitcontroller.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {
constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
} // namespace

BandwidthLimitButton::BandwidthLimitButton(BandwidthLimitController *controller, QWidget *parent)
    : QToolButton(parent)
    , m_controller(controller)
{
    setObjectName(u"bandwidthLimit"_s);
    setAutoRaise(true);
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(this);
    m_uploadGroup = addDirection(menu, tr("Upload limit"), true);
    m_downloadGroup = addDirection(menu, tr("Download limit"), false);
    setMenu(menu);
    connect(m_controller, &BandwidthLimitController::limitsChanged, this, &BandwidthLimitButton::showLimits);
    showLimits();
}

BandwidthLimitButton::~BandwidthLimitButton() = default;

QList<qint64> BandwidthLimitButton::presets()
{
    return {0, 256 * KiB, MiB, 5 * MiB, 10 * MiB, 50 * MiB, 100 * MiB};
}

QString BandwidthLimitButton::summaryText(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    if (uploadBytesPerSecond <= 0 && downloadBytesPerSecond <= 0)
        return tr("No bandwidth limit");
    QStringList parts;
    if (uploadBytesPerSecond > 0)
        parts.append(u"↑ "_s + s3::formatRate(uploadBytesPerSecond));
    if (downloadBytesPerSecond > 0)
        parts.append(u"↓ "_s + s3::formatRate(downloadBytesPerSecond));
    return parts.join(u' ');
}

QActionGroup *BandwidthLimitButton::addDirection(QMenu *menu, const QString &title, bool upload)
{
    QMenu *sub = menu->addMenu(title);
    auto *group = new QActionGroup(sub);
    group->setExclusive(true);
    for (const qint64 rate : presets()) {
        QAction *action = sub->addAction(rate == 0 ? tr("Unlimited") : s3::formatRate(rate));
        action->setCheckable(true);
        action->setData(rate);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, upload, rate] {
            if (upload)
                m_controller->setLimits(rate, m_controller->downloadLimit());
            else
                m_controller->setLimits(m_controller->uploadLimit(), rate);
        });
    }
    return group;
}

void BandwidthLimitButton::showLimits()
{
    const qint64 upload = m_controller->uploadLimit();
    const qint64 download = m_controller->downloadLimit();
    setText(summaryText(upload, download));
    setToolTip(tr("Bandwidth limit for all transfers together: upload %1, download %2. Click to change.")
                   .arg(s3::formatRate(upload), s3::formatRate(download)));
    // A limit set elsewhere (settings file) that is not a preset leaves no item checked.
    for (auto [group, rate] : {std::pair{m_uploadGroup, upload}, std::pair{m_downloadGroup, download}}) {
        for (QAction *action : group->actions())
            action->setChecked(action->data().toLongLong() == rate);
    }
}

} // namespace s3ui
