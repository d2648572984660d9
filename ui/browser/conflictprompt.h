// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QString>

class QWidget;

namespace s3ui {

/** What to do with an upload or download whose target exists already (or is the target of another transfer). */
enum class ConflictChoice { Overwrite, Skip, KeepBoth };

/**
 * "name (n).ext" for the first n >= 1 for which taken() is false: "a/b.txt" -> "a/b (1).txt", "a/b" -> "a/b (1)",
 * ".profile" -> ".profile (1)"; without splitExtension (folders) "a/v1.2" -> "a/v1.2 (1)". Works on keys and on
 * local paths alike ('/' separates folders). Pure.
 */
QString keepBothName(const QString &path, const std::function<bool(const QString &candidate)> &taken, bool splitExtension = true);

/** The texts of a conflict prompt. */
struct ConflictQuestion
{
    QString objectName;  ///< of the message box (tests find it by this name)
    QString title;
    QString text;        ///< what exists already
    QString informative; ///< what each answer does
};

/**
 * Asks once for a whole action (a drop, a Download…): Overwrite, Skip or Keep both; Skip is the default and
 * Escape (Cancel) does nothing at all. The box is window-modal and non-blocking (open()); `answered` runs with the
 * choice when a button is clicked. Uploads and downloads share this one prompt.
 */
void askConflictChoice(QWidget *parent, const ConflictQuestion &question, std::function<void(ConflictChoice)> answered);

} // namespace s3ui
