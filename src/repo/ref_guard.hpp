// One lock for every ref change a process makes. libgit2 fails, rather than waits, when another
// thread holds a ref's lock file or packed-refs.lock (every deletion takes it), and removes a
// ref's folder when its last ref goes while another thread creates one there. Threads of one
// process (a batch) therefore change refs one at a time.
#pragma once

#include <mutex>

namespace oneshot::repo {

inline std::mutex& ref_update_mutex()
{
    static std::mutex mutex;
    return mutex;
}

} // namespace oneshot::repo
