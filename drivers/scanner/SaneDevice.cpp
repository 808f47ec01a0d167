#include "drivers/scanner/SaneDevice.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <pthread.h>
#include <strings.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

std::mutex library_mutex;
int library_users = 0;

double to_double(SANE_Value_Type type, SANE_Word word) {
    return type == SANE_TYPE_FIXED ? SANE_UNFIX(word) : static_cast<double>(word);
}

SANE_Word to_word(SANE_Value_Type type, double value) {
    return type == SANE_TYPE_FIXED ? SANE_FIX(value) : static_cast<SANE_Word>(std::lround(value));
}

// Backends built on sanei_thread (Debian builds it with pthreads: the test backend, and drivers of
// real scanners) run a reader thread with *asynchronous* cancellation, and sane_cancel cancels it.
// The first unwind in a process makes glibc dlopen libgcc_s, holding the loader lock; a reader
// cancelled just then — it was calling pthread_exit at the end of its page — dies holding that lock,
// and every later dlopen/dlclose, sane_exit's included, blocks for ever (found as a 1-in-60 hang of
// a jammed scan). One cancelled thread of our own, before any backend runs, has glibc load its
// unwinder then, so no reader can ever be caught inside the loader that way.
void load_the_unwinder_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        pthread_t thread;
        auto wait_for_cancel = [](void*) -> void* {
            for (;;)
                pause(); // a cancellation point
        };
        if (pthread_create(&thread, nullptr, wait_for_cancel, nullptr) != 0)
            return;
        pthread_cancel(thread);
        pthread_join(thread, nullptr);
    });
}

} // namespace

Result<void> SaneLibrary::acquire() {
    load_the_unwinder_once();
    std::lock_guard lock(library_mutex);
    if (library_users == 0) {
        SANE_Int version = 0;
        if (SANE_Status status = sane_init(&version, nullptr); status != SANE_STATUS_GOOD)
            return make_error(ErrorCode::Device, std::string("sane_init failed: ") + sane_strstatus(status));
    }
    ++library_users;
    return {};
}

void SaneLibrary::release() {
    std::lock_guard lock(library_mutex);
    if (library_users > 0 && --library_users == 0)
        sane_exit();
}

Result<std::vector<SaneDeviceInfo>> SaneLibrary::devices() {
    TRY(acquire());
    std::vector<SaneDeviceInfo> found;
    const SANE_Device** list = nullptr;
    SANE_Status status = sane_get_devices(&list, SANE_TRUE);
    for (int i = 0; status == SANE_STATUS_GOOD && list && list[i]; ++i)
        found.push_back({list[i]->name ? list[i]->name : "", list[i]->vendor ? list[i]->vendor : "",
                         list[i]->model ? list[i]->model : "", list[i]->type ? list[i]->type : ""});
    release();
    if (status != SANE_STATUS_GOOD)
        return make_error(ErrorCode::Device,
                          std::string("sane_get_devices failed: ") + sane_strstatus(status));
    return found;
}

SANE_Status SaneDevice::open(const std::string& name) {
    close();
    return sane_open(name.c_str(), &m_handle);
}

void SaneDevice::close() {
    if (!m_handle)
        return;
    sane_cancel(m_handle);
    sane_close(m_handle);
    m_handle = nullptr;
}

int SaneDevice::find(const std::string& name) const {
    if (!m_handle)
        return -1;
    for (SANE_Int i = 1;; ++i) {
        const SANE_Option_Descriptor* option = sane_get_option_descriptor(m_handle, i);
        if (!option)
            return -1;
        if (option->name && name == option->name)
            return i;
    }
}

bool SaneDevice::can_set(const std::string& name) const {
    int index = find(name);
    if (index < 0)
        return false;
    const SANE_Option_Descriptor* option = sane_get_option_descriptor(m_handle, index);
    return SANE_OPTION_IS_ACTIVE(option->cap) && SANE_OPTION_IS_SETTABLE(option->cap);
}

Result<void> SaneDevice::control(int index, void* value, const std::string& name) {
    SANE_Int info = 0;
    SANE_Status status = sane_control_option(m_handle, index, SANE_ACTION_SET_VALUE, value, &info);
    if (status != SANE_STATUS_GOOD)
        return make_error(ErrorCode::Unsupported,
                          "scanner option '" + name + "' not accepted: " + sane_strstatus(status));
    return {};
}

Result<void> SaneDevice::set_number(const std::string& name, double value) {
    int index = find(name);
    if (index < 0 || !can_set(name))
        return make_error(ErrorCode::Unsupported, "the scanner has no settable option '" + name + "'");
    const SANE_Option_Descriptor* option = sane_get_option_descriptor(m_handle, index);
    if (option->type != SANE_TYPE_INT && option->type != SANE_TYPE_FIXED)
        return make_error(ErrorCode::InvalidArgument, "scanner option '" + name + "' is not a number");
    if (option->constraint_type == SANE_CONSTRAINT_RANGE) {
        const SANE_Range* range = option->constraint.range;
        double low = to_double(option->type, range->min), high = to_double(option->type, range->max);
        double quant = to_double(option->type, range->quant);
        value = std::clamp(value, low, high);
        if (quant > 0)
            value = low + std::round((value - low) / quant) * quant;
    } else if (option->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
        const SANE_Word* list = option->constraint.word_list; // list[0] is the count
        double best = value, best_distance = INFINITY;
        for (SANE_Word i = 1; i <= list[0]; ++i) {
            double candidate = to_double(option->type, list[i]);
            if (std::abs(candidate - value) < best_distance) {
                best = candidate;
                best_distance = std::abs(candidate - value);
            }
        }
        value = best;
    }
    SANE_Word word = to_word(option->type, value);
    return control(index, &word, name);
}

Result<void> SaneDevice::set(const std::string& name, const std::string& text) {
    int index = find(name);
    if (index < 0 || !can_set(name))
        return make_error(ErrorCode::Unsupported, "the scanner has no settable option '" + name + "'");
    const SANE_Option_Descriptor* option = sane_get_option_descriptor(m_handle, index);
    switch (option->type) {
    case SANE_TYPE_BOOL: {
        SANE_Word word = (text == "yes" || text == "true" || text == "1") ? SANE_TRUE : SANE_FALSE;
        return control(index, &word, name);
    }
    case SANE_TYPE_INT:
    case SANE_TYPE_FIXED: {
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (end == text.c_str())
            return make_error(ErrorCode::InvalidArgument, "scanner option '" + name + "' wants a number");
        return set_number(name, value);
    }
    case SANE_TYPE_STRING: {
        std::string chosen = text;
        auto allowed = choices(name);
        if (!allowed.empty()) {
            auto exact = std::find_if(allowed.begin(), allowed.end(), [&](const std::string& choice) {
                return strcasecmp(choice.c_str(), text.c_str()) == 0;
            });
            auto prefix = std::find_if(allowed.begin(), allowed.end(), [&](const std::string& choice) {
                return strncasecmp(choice.c_str(), text.c_str(), std::min(choice.size(), text.size())) == 0;
            });
            if (exact != allowed.end())
                chosen = *exact;
            else if (prefix != allowed.end() && !text.empty())
                chosen = *prefix;
            else
                return make_error(ErrorCode::Unsupported,
                                  "scanner option '" + name + "' has no value '" + text + "'");
        }
        std::vector<char> buffer(std::max<size_t>(option->size, chosen.size() + 1), '\0');
        std::memcpy(buffer.data(), chosen.data(), chosen.size());
        return control(index, buffer.data(), name);
    }
    default:
        return make_error(ErrorCode::Unsupported, "scanner option '" + name + "' cannot be set from text");
    }
}

std::optional<double> SaneDevice::number(const std::string& name) const {
    int index = find(name);
    if (index < 0)
        return std::nullopt;
    const SANE_Option_Descriptor* option = sane_get_option_descriptor(m_handle, index);
    if ((option->type != SANE_TYPE_INT && option->type != SANE_TYPE_FIXED) ||
        option->size != sizeof(SANE_Word))
        return std::nullopt;
    SANE_Word word = 0;
    if (sane_control_option(m_handle, index, SANE_ACTION_GET_VALUE, &word, nullptr) != SANE_STATUS_GOOD)
        return std::nullopt;
    return to_double(option->type, word);
}

std::optional<double> SaneDevice::max_number(const std::string& name) const {
    int index = find(name);
    if (index < 0)
        return std::nullopt;
    const SANE_Option_Descriptor* option = sane_get_option_descriptor(m_handle, index);
    if (option->constraint_type == SANE_CONSTRAINT_RANGE)
        return to_double(option->type, option->constraint.range->max);
    if (option->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
        const SANE_Word* list = option->constraint.word_list;
        std::optional<double> largest;
        for (SANE_Word i = 1; i <= list[0]; ++i)
            largest = std::max(largest.value_or(-INFINITY), to_double(option->type, list[i]));
        return largest;
    }
    return std::nullopt;
}

std::vector<std::string> SaneDevice::choices(const std::string& name) const {
    int index = find(name);
    if (index < 0)
        return {};
    const SANE_Option_Descriptor* option = sane_get_option_descriptor(m_handle, index);
    std::vector<std::string> values;
    if (option->constraint_type == SANE_CONSTRAINT_STRING_LIST)
        for (const SANE_String_Const* value = option->constraint.string_list; *value; ++value)
            values.emplace_back(*value);
    return values;
}

} // namespace kiosk::drivers
