#include "drivers/idcard/SimIdCardReader.h"

namespace kiosk::drivers {

using domain::DeviceKind;
using domain::DeviceState;
using domain::FixedBy;

namespace {
constexpr std::chrono::milliseconds kReadDelay{400}; // a real read of the 1295-byte frame takes ~0.3-0.5 s
}

SimIdCardReader::SimIdCardReader() : m_core(DeviceKind::IdCardReader, "sim-idcard") {}

SimIdCardReader::~SimIdCardReader() {
    stop();
}

Result<void> SimIdCardReader::start(Sink sink) {
    m_core.start(std::move(sink));
    return {};
}

void SimIdCardReader::stop() {
    m_core.stop();
}

void SimIdCardReader::place_card(domain::Identity identity) {
    m_core.worker().post_after(kReadDelay, [this, identity = std::move(identity)]() mutable {
        if (!m_core.status().usable() || m_card_present)
            return; // one read per placement; a dead reader reads nothing
        m_card_present = true;
        if (m_next_failure) {
            auto error = std::move(*m_next_failure);
            m_next_failure.reset();
            m_core.emit(CardReadFailed{std::move(error)});
            return;
        }
        m_core.emit(CardPlaced{std::move(identity)});
    });
}

void SimIdCardReader::remove_card() {
    m_core.worker().post([this] {
        if (!m_card_present)
            return;
        m_card_present = false;
        m_core.emit(CardRemoved{});
    });
}

void SimIdCardReader::fail_next_read(Error error) {
    m_core.worker().post([this, error = std::move(error)]() mutable { m_next_failure = std::move(error); });
}

void SimIdCardReader::unplug() {
    m_core.worker().post([this] { m_card_present = false; });
    m_core.set_status(DeviceState::Absent, FixedBy::Engineer, "unplugged");
}

void SimIdCardReader::replug() {
    m_core.set_status(DeviceState::Ready);
}

domain::Identity SimIdCardReader::sample_identity(int index) {
    domain::Identity identity;
    identity.document_type = domain::DocumentType::ResidentId;
    identity.issuer = "北京市公安局西城分局";
    identity.valid_from = "2019-05-20";
    identity.valid_until = "2039-05-20";
    identity.nation = "汉";
    switch (index % 3) {
    case 0:
        identity.name = "张三";
        identity.sex = 'M';
        identity.birth_date = "1988-06-15";
        identity.address = "广东省深圳市福田区福中三路1号";
        identity.id_number = "440304198806157315";
        identity.issuer = "深圳市公安局福田分局";
        break;
    case 1:
        identity.name = "李梅";
        identity.sex = 'F';
        identity.birth_date = "1995-02-10";
        identity.address = "江苏省南京市玄武区北京东路41号";
        identity.id_number = "320102199502104621";
        identity.issuer = "南京市公安局玄武分局";
        break;
    default:
        identity.name = "欧阳娜娜";
        identity.sex = 'F';
        identity.birth_date = "1949-12-31";
        identity.address = "北京市西城区复兴门内大街100号";
        identity.id_number = "11010519491231002X";
        identity.valid_until = "long-term";
        break;
    }
    return identity;
}

} // namespace kiosk::drivers
