// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <utility>
#include <variant>

#include "s3core/s3error.h"

namespace s3 {

/**
 * Result of a synchronous fallible function: a value or an S3Error, never both.
 * In-house because the project is C++20 (std::expected is C++23). Decided once, here.
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(S3Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const S3Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, S3Error> m_data;
};

/** Result of a fallible function that has no value to return. */
struct Ok
{
};

} // namespace s3
