// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace s3ui {

/**
 * An append-only sequence in fixed-size chunks. Elements never move once appended, and a Snapshot (a copy of the
 * chunk table, a few hundred pointers for a million elements) reads the elements that existed when it was taken
 * from another thread while this store keeps growing: appends write only slots past the snapshot's size, and a
 * chunk is freed only with the store (keep the store alive, e.g. through a shared_ptr, while a snapshot is read).
 */
template<typename T, std::size_t ChunkSize = 4096>
class ChunkedStore
{
public:
    class Snapshot
    {
    public:
        std::size_t size() const { return m_size; }
        const T &operator[](std::size_t index) const { return m_chunks[index / ChunkSize][index % ChunkSize]; }

    private:
        friend class ChunkedStore;
        std::vector<const T *> m_chunks;
        std::size_t m_size = 0;
    };

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const T &operator[](std::size_t index) const { return m_chunks[index / ChunkSize][index % ChunkSize]; }

    void push_back(T &&value)
    {
        if (m_size == m_chunks.size() * ChunkSize)
            m_chunks.push_back(std::make_unique<T[]>(ChunkSize));
        m_chunks[m_size / ChunkSize][m_size % ChunkSize] = std::move(value);
        ++m_size;
    }

    Snapshot snapshot() const
    {
        Snapshot snapshot;
        snapshot.m_chunks.reserve(m_chunks.size());
        for (const std::unique_ptr<T[]> &chunk : m_chunks)
            snapshot.m_chunks.push_back(chunk.get());
        snapshot.m_size = m_size;
        return snapshot;
    }

    template<typename Predicate>
    bool anyOf(Predicate &&predicate) const
    {
        for (std::size_t i = 0; i < m_size; ++i) {
            if (predicate((*this)[i]))
                return true;
        }
        return false;
    }

private:
    std::vector<std::unique_ptr<T[]>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace s3ui
