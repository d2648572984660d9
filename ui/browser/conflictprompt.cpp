// SPDX-License-Identifier: Apache-2.0
#include "browser/conflictprompt.h"

#include <QMessageBox>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

QString keepBothName(const QString &path, const std::function<bool(const QString &candidate)> &taken, bool splitExtension)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    const QString folder = path.left(slash + 1);
    const QString name = path.mid(slash + 1);
    qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || !splitExtension)
        dot = name.size();
    const QString stem = name.left(dot);
    const QString extension = name.mid(dot);
    for (int n = 1;; ++n) {
        const QString candidate = folder + stem + u" (%1)"_s.arg(n) + extension;
        if (!taken(candidate))
            return candidate;
    }
}

void askConflictChoice(QWidget *parent, const ConflictQuestion &question, std::function<void(ConflictChoice)> answered)
{
    auto *box = new QMessageBox(QMessageBox::Question, question.title, question.text, QMessageBox::Cancel, parent);
    box->setObjectName(question.objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(question.informative);
    QPushButton *overwrite = box->addButton(QObject::tr("Overwrite"), QMessageBox::DestructiveRole);
    QPushButton *skip = box->addButton(QObject::tr("Skip"), QMessageBox::AcceptRole);
    QPushButton *keepBoth = box->addButton(QObject::tr("Keep both"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel); // Enter neither replaces nor changes what the action does
    QObject::connect(box, &QMessageBox::buttonClicked, box, [=, answered = std::move(answered)](QAbstractButton *button) {
        if (button == overwrite)
            answered(ConflictChoice::Overwrite);
        else if (button == skip)
            answered(ConflictChoice::Skip);
        else if (button == keepBoth)
            answered(ConflictChoice::KeepBoth);
        box->close();
    });
    box->open();
}

} // namespace s3ui
