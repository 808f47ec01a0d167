#include "services/staff/StaffAuthenticator.h"

#include "core/base/LocalizedText.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sodium.h>

namespace kiosk::services {
namespace {

void ensure_sodium() {
    if (sodium_init() < 0)
        std::abort();
}

// The cost an Argon2id string names: "$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>" (m in KiB).
bool hash_cost(const std::string& hash, unsigned long long& opslimit, size_t& memlimit) {
    unsigned long version = 0, kib = 0, passes = 0, lanes = 0;
    if (std::sscanf(hash.c_str(), "$argon2id$v=%lu$m=%lu,t=%lu,p=%lu$", &version, &kib, &passes, &lanes) != 4)
        return false;
    opslimit = passes;
    memlimit = static_cast<size_t>(kib) * 1024;
    return true;
}

std::string who(const domain::StaffMember& member) {
    return "staff=" + member.id + " role=" + domain::to_string(member.role);
}

StaffSignInAnswered refused(std::string refusal, std::chrono::seconds locked_for = std::chrono::seconds{0}) {
    StaffSignInAnswered answer;
    answer.refusal = std::move(refusal);
    answer.locked_for = locked_for;
    return answer;
}

} // namespace

std::vector<StaffPinEntry> staff_pins(const StaffOptions& config) {
    std::vector<StaffPinEntry> pins;
    for (const auto& pin : config.pins) {
        // parse_config admitted only the three role words; the name shown is the staff's own (zh-CN).
        auto role = domain::parse_staff_role(pin.role).value_or(domain::StaffRole::DutyStaff);
        pins.push_back({{pin.id, pin.name.zh, role}, pin.pin_hash});
    }
    return pins;
}

StaffAuthOptions staff_auth_options(const StaffOptions& config) {
    StaffAuthOptions options;
    options.lockout_tries = config.lockout_tries;
    options.lockout = std::chrono::seconds(config.lockout_s);
    for (const auto& key : config.badge_keys)
        options.badges.keys.push_back({key.id, key.public_key});
    options.badges.revoked_staff = config.revoked_staff;
    return options;
}

Result<std::string> hash_pin(std::string_view pin, unsigned long long opslimit, size_t memlimit) {
    ensure_sodium();
    std::string hash(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str(hash.data(), pin.data(), pin.size(), opslimit, memlimit) != 0)
        return make_error(ErrorCode::Internal,
                          "Argon2id: out of memory or a cost outside libsodium's limits");
    hash.resize(hash.find('\0'));
    return hash;
}

Result<std::unique_ptr<StaffAuthenticator>> StaffAuthenticator::create(std::vector<StaffPinEntry> pins,
                                                                       StaffAuthOptions options,
                                                                       const Clock& clock,
                                                                       StaffAuditSink audit) {
    ensure_sodium();
    if (options.lockout_tries < 1 || options.lockout.count() < 1)
        return make_error(ErrorCode::InvalidArgument,
                          "staff PINs: lockout needs at least one try and one second");
    for (size_t i = 0; i < pins.size(); ++i) {
        const auto& entry = pins[i];
        unsigned long long opslimit = 0;
        size_t memlimit = 0;
        if (entry.pin_hash.rfind("$argon2id$", 0) != 0 || !hash_cost(entry.pin_hash, opslimit, memlimit) ||
            crypto_pwhash_str_needs_rehash(entry.pin_hash.c_str(), opslimit, memlimit) != 0)
            return make_error(ErrorCode::InvalidData,
                              "staff " + entry.member.id + ": pin_hash is not an Argon2id hash");
        if (opslimit < options.min_opslimit || memlimit < options.min_memlimit)
            return make_error(ErrorCode::InvalidData,
                              "staff " + entry.member.id + ": pin_hash is cheaper than Argon2id with " +
                                  std::to_string(options.min_opslimit) + " passes over " +
                                  std::to_string(options.min_memlimit >> 20) +
                                  " MiB (make it with kiosk-devctl staff pin hash)");
        for (size_t j = 0; j < i; ++j)
            if (pins[j].member.id == entry.member.id)
                return make_error(ErrorCode::InvalidData, "staff " + entry.member.id + " appears twice");
    }
    return std::unique_ptr<StaffAuthenticator>(
        new StaffAuthenticator(std::move(pins), std::move(options), clock, std::move(audit)));
}

StaffAuthenticator::StaffAuthenticator(std::vector<StaffPinEntry> pins, StaffAuthOptions options,
                                       const Clock& clock, StaffAuditSink audit)
    : m_pins(std::move(pins)), m_options(std::move(options)), m_clock(clock), m_audit(std::move(audit)) {}

void StaffAuthenticator::audit(std::string_view kind, const std::string& detail) const {
    if (m_audit)
        m_audit(kind, detail);
}

std::chrono::seconds StaffAuthenticator::locked_for_locked() const {
    auto left = m_locked_until - m_clock.now();
    if (left <= SteadyTime::duration::zero())
        return std::chrono::seconds{0};
    return std::chrono::ceil<std::chrono::seconds>(left);
}

std::chrono::seconds StaffAuthenticator::locked_for() const {
    std::lock_guard lock(m_state_mutex);
    return locked_for_locked();
}

void StaffAuthenticator::restore_lock(const store::StoredPinLock& stored) {
    std::lock_guard lock(m_state_mutex);
    m_wrong_tries = std::max(m_wrong_tries, std::max(0, stored.wrong_tries));
    if (!stored.locked_until)
        return;
    auto left = std::min<WallTime::duration>(*stored.locked_until - m_clock.wall_now(), m_options.lockout);
    if (left <= WallTime::duration::zero())
        return;
    m_locked_until =
        std::max(m_locked_until, m_clock.now() + std::chrono::duration_cast<SteadyTime::duration>(left));
}

StaffSignInAnswered StaffAuthenticator::sign_in_with_pin(std::string staff_id, std::string pin) {
    std::lock_guard try_lock(m_try_mutex);
    const StaffPinEntry* entry = nullptr;
    for (const auto& candidate : m_pins)
        if (candidate.member.id == staff_id)
            entry = &candidate;
    std::string named = entry ? who(entry->member) : "staff=unknown";
    secure_wipe(staff_id);

    auto locked = locked_for();
    if (locked.count() > 0) {
        secure_wipe(pin);
        audit("staff-sign-in-refused",
              named + " via=pin reason=locked locked_s=" + std::to_string(locked.count()));
        return refused("locked", locked);
    }

    // Exactly one hash per try: the member's, or the stand-in (same cost) for an unknown id.
    bool right = false;
    if (!m_pins.empty()) {
        const auto& hash = entry ? entry->pin_hash : m_pins.front().pin_hash;
        auto checked = std::string_view(pin).substr(0, m_options.max_pin_bytes);
        bool matches = crypto_pwhash_str_verify(hash.c_str(), checked.data(), checked.size()) == 0;
        right = entry && matches && !pin.empty() && pin.size() <= m_options.max_pin_bytes;
    }
    secure_wipe(pin);

    if (right) {
        bool had_tries = false;
        {
            std::lock_guard lock(m_state_mutex);
            had_tries = m_wrong_tries > 0;
            m_wrong_tries = 0;
        }
        if (had_tries && m_keeper)
            m_keeper(store::StoredPinLock{});
        audit("staff-sign-in", named + " via=pin");
        StaffSignInAnswered answer;
        answer.staff = entry->member;
        return answer;
    }
    int tries = 0;
    std::chrono::seconds locked_now{0};
    store::StoredPinLock kept;
    {
        std::lock_guard lock(m_state_mutex);
        tries = ++m_wrong_tries;
        kept.wrong_tries = tries;
        if (tries >= m_options.lockout_tries) {
            m_wrong_tries = 0;
            m_locked_until = m_clock.now() + m_options.lockout;
            locked_now = m_options.lockout;
            kept = {0, m_clock.wall_now() + m_options.lockout};
        }
    }
    if (m_keeper)
        m_keeper(kept);
    audit("staff-sign-in-refused", named + " via=pin reason=wrong-pin tries=" + std::to_string(tries) + "/" +
                                       std::to_string(m_options.lockout_tries));
    if (locked_now.count() > 0)
        audit("staff-pin-locked", named + " via=pin tries=" + std::to_string(tries) +
                                      " lockout_s=" + std::to_string(locked_now.count()));
    return refused("wrong-pin", locked_now);
}

StaffSignInAnswered StaffAuthenticator::sign_in_with_badge(std::string_view text) {
    std::lock_guard try_lock(m_try_mutex);
    auto check = check_badge(text, m_options.badges, m_clock);
    if (!check.ok()) {
        std::string detail;
        if (!check.signed_staff_id.empty())
            detail = "staff=" + check.signed_staff_id +
                     " role=" + (check.signed_role.empty() ? std::string("unknown") : check.signed_role) +
                     " ";
        detail += std::string("via=badge reason=") + to_string(check.refusal);
        audit("staff-sign-in-refused", detail);
        return refused(std::string("badge-") + to_string(check.refusal));
    }
    audit("staff-sign-in", who(check.badge->member) + " via=badge kid=" + check.badge->key_id);
    StaffSignInAnswered answer;
    answer.staff = check.badge->member;
    return answer;
}

} // namespace kiosk::services
