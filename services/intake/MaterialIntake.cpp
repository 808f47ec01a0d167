#include "services/intake/MaterialIntake.h"

#include "core/base/Log.h"
#include "core/base/Worker.h"
#include "services/mrz/MrzReader.h"
#include "services/ocr/CheckMaterial.h"
#include "services/scan/MaterialStore.h"

#include <map>
#include <optional>
#include <vector>

namespace kiosk::services {

struct MaterialIntake::State {
    struct Material {
        std::vector<drivers::ScannedPage> pages;      // raw scans: stored again as a set after each page
        std::optional<domain::MaterialCheck> matched; // the first page that matched, if any
    };
    std::unique_ptr<ocr::OcrEngine> engine;
    bool engine_failed = false;
    std::unique_ptr<MrzReader> mrz; // loaded on the first passport page
    std::map<std::string, Material> materials;
};

MaterialIntake::MaterialIntake(const domain::Catalog& catalog, AppEventQueue& queue, IntakeOptions options)
    : m_catalog(catalog), m_queue(queue), m_options(std::move(options)), m_state(std::make_unique<State>()),
      m_worker(std::make_unique<Worker>("intake")) {
    // Pages a crash or a power cut left behind (the destructor never ran) belong to a visit that is
    // over: they go before anyone is served.
    if (!m_options.folder.empty())
        if (auto wiped = scan::wipe_session_folder(m_options.folder); !wiped.ok())
            log::error("intake: scans left by an earlier run not wiped: {}", wiped.error().message);
}

MaterialIntake::~MaterialIntake() {
    m_worker.reset(); // joins: no task touches the state after this
    // Whatever a citizen left behind when the kiosk stops goes too.
    if (!m_options.folder.empty())
        (void)scan::wipe_session_folder(m_options.folder);
}

void MaterialIntake::warm_up() {
    m_worker->post([this] { load_engine(); });
}

void MaterialIntake::load_engine() {
    if (m_state->engine || m_state->engine_failed)
        return;
    ocr::OcrOptions options;
    options.languages = m_options.ocr_languages;
    options.tessdata_dir = m_options.tessdata_dir;
    auto engine = ocr::OcrEngine::create(options);
    if (!engine.ok()) {
        m_state->engine_failed = true;
        log::error("intake: OCR unavailable, materials are stored unchecked: {}", engine.error().message);
        return;
    }
    m_state->engine = std::move(engine.value());
}

void MaterialIntake::submit_page(unsigned generation, const std::string& material_id,
                                 drivers::ScannedPage page, bool add_page) {
    // The page is moved into the task: a few MB, copied never.
    auto shared = std::make_shared<drivers::ScannedPage>(std::move(page));
    m_worker->post([this, generation, material_id, shared, add_page] {
        process(generation, material_id, std::move(*shared), add_page);
    });
}

void MaterialIntake::process(unsigned generation, const std::string& material_id, drivers::ScannedPage page,
                             bool add_page) {
    if (generation != m_generation.load())
        return; // the session ended while the page waited
    auto fail = [&](Error error) {
        log::warn("intake: material {} not stored: {}", material_id, error.message);
        m_queue.post(MaterialFailed{material_id, std::move(error), generation});
    };
    if (m_options.folder.empty())
        return fail(make_error(ErrorCode::InvalidArgument, "no scan folder configured"));
    const domain::MaterialKind* kind = m_catalog.find_material(material_id);
    if (!kind)
        return fail(make_error(ErrorCode::NotFound, "no material '" + material_id + "' in the catalog"));

    State::Material& material = m_state->materials[material_id];
    if (!add_page)
        material = {};
    material.pages.push_back(std::move(page));

    auto stored = scan::store_material(m_options.folder, material_id, material.pages);
    if (!stored.ok()) {
        material.pages.pop_back(); // the set on disk is still the one before this page
        return fail(stored.error());
    }

    MaterialChecked result;
    result.material_id = material_id;
    result.pages = static_cast<int>(material.pages.size());
    result.pdf = stored.value().pdf;
    result.pdf_bytes = stored.value().pdf_bytes;
    result.generation = generation;
    if (!kind->evidence.empty()) {
        load_engine();
        if (m_state->engine) {
            auto checked =
                ocr::check_material(*m_state->engine, *kind, material.pages.back(), ocr::local_today());
            if (!checked.ok()) {
                material.pages.pop_back();
                return fail(checked.error());
            }
            domain::MaterialCheck check = std::move(checked.value().check);
            if (check.verdict == domain::Verdict::Matches && !material.matched)
                material.matched = check;
            result.checked = true;
            result.check = material.matched ? *material.matched : std::move(check);
            log::info("intake: material {} page {} {} in {:.0f} ms", material_id, result.pages,
                      domain::to_string(result.check.verdict), checked.value().ocr.milliseconds);
        }
    }
    if (!result.checked)
        log::info("intake: material {} page {} stored, not checked", material_id, result.pages);
    if (generation != m_generation.load())
        return; // ended while OCR ran: the wipe queued behind us removes what was stored
    m_queue.post(std::move(result));
}

void MaterialIntake::read_identity_page(unsigned generation, drivers::ScannedPage page) {
    auto shared = std::make_shared<drivers::ScannedPage>(std::move(page));
    m_worker->post([this, generation, shared] { read_mrz(generation, *shared); });
}

namespace {

std::vector<unsigned char> grey_pixels(const drivers::ScannedPage& page) {
    if (page.channels == 1)
        return page.pixels;
    std::vector<unsigned char> grey(static_cast<size_t>(page.width) * page.height);
    for (size_t i = 0; i < grey.size(); ++i) {
        const unsigned char* rgb = &page.pixels[i * page.channels];
        grey[i] = static_cast<unsigned char>((rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114) / 1000);
    }
    return grey;
}

// The MRZ as the identity the rest of the kiosk knows (the name as printed in Latin letters).
domain::Identity identity_from_mrz(const domain::MrzDocument& document) {
    domain::Identity identity;
    identity.document_type = domain::DocumentType::Passport;
    identity.name =
        document.given_names.empty() ? document.surname : document.surname + " " + document.given_names;
    identity.name_en = identity.name;
    identity.sex = document.sex == "F" ? 'F' : 'M';
    identity.birth_date = document.birth_date;
    identity.id_number = document.document_number;
    identity.issuer = document.issuing_state;
    identity.nationality = document.nationality;
    identity.valid_until = document.expiry_date;
    return identity;
}

} // namespace

void MaterialIntake::read_mrz(unsigned generation, const drivers::ScannedPage& page) {
    if (generation != m_generation.load())
        return;
    auto fail = [&](Error error) {
        log::info("intake: passport page refused: {}", error.message);
        m_queue.post(PassportFailed{std::move(error), generation});
    };
    if (page.width <= 0 || page.height <= 0 ||
        page.pixels.size() != static_cast<size_t>(page.width) * page.height * page.channels)
        return fail(make_error(ErrorCode::InvalidData, "the scan is not a whole image"));
    if (!m_state->mrz) {
        auto reader = MrzReader::create({m_options.tessdata_dir});
        if (!reader.ok())
            return fail(reader.error());
        m_state->mrz = std::move(reader.value());
    }
    auto grey = grey_pixels(page);
    domain::CivilDate today = ocr::local_today();
    auto reading = m_state->mrz->read(grey.data(), page.width, page.height, today);
    if (!reading.ok())
        return fail(reading.error());
    const domain::MrzDocument& document = reading.value().document;
    if (!document.valid)
        return fail(make_error(ErrorCode::InvalidData, "the MRZ fails its checks"));
    if (!document.expiry_date.empty() && document.expiry_date < today.iso())
        return fail(make_error(ErrorCode::Denied, "the document has expired"));
    if (generation != m_generation.load())
        return;
    log::info("intake: passport page read ({})", document.format);
    m_queue.post(PassportRead{identity_from_mrz(document), generation});
}

void MaterialIntake::wipe() {
    ++m_generation;
    m_worker->cancel_pending();
    m_worker->post([this] {
        m_state->materials.clear();
        if (m_options.folder.empty())
            return;
        if (auto wiped = scan::wipe_session_folder(m_options.folder); !wiped.ok())
            log::error("intake: scan folder not wiped: {}", wiped.error().message);
    });
}

} // namespace kiosk::services
