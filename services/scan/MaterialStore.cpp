#include "services/scan/MaterialStore.h"

#include "services/scan/PrivateFiles.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::scan {

namespace fs = std::filesystem;

namespace {

bool valid_name(const std::string& name) {
    if (name.empty() || name.size() > 64)
        return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return false;
    return true;
}

void truncate_and_unlink(const fs::path& file) {
    if (int fd = ::open(file.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC); fd >= 0) {
        // Best effort: if the contents cannot be dropped first, the unlink below still takes the name.
        [[maybe_unused]] int truncated = ::ftruncate(fd, 0);
        ::close(fd);
    }
    ::unlink(file.c_str());
}

} // namespace

Result<StoredMaterial> store_material(const fs::path& session_folder, const std::string& material,
                                      const std::vector<drivers::ScannedPage>& scans,
                                      const PipelineOptions& options) {
    if (!valid_name(material))
        return make_error(ErrorCode::InvalidArgument,
                          "material name '" + material + "' is not a folder name");
    if (scans.empty())
        return make_error(ErrorCode::InvalidArgument, "material " + material + " has no pages");
    StoredMaterial stored;
    stored.folder = session_folder / material;
    TRY(wipe_session_folder(stored.folder)); // a rescan replaces every earlier page
    TRY(make_private_folder(session_folder));
    TRY(make_private_folder(stored.folder));

    std::vector<EncodedPage> encoded;
    for (size_t i = 0; i < scans.size(); ++i) {
        auto clean = TRY(clean_page(scans[i], options.clean));
        auto page = TRY(encode_jpeg(clean.image, options.encode));
        StoredPage record;
        record.file = stored.folder / fmt::format("page-{:03}.jpg", i + 1);
        TRY(write_private_file(record.file, page.jpeg));
        record.bytes = page.jpeg.size();
        record.width = page.width;
        record.height = page.height;
        record.dpi = page.dpi;
        record.quality = page.quality;
        record.within_budget = page.within_budget;
        record.crop = clean.crop;
        record.skew_degrees = clean.skew_degrees;
        stored.pages.push_back(record);
        encoded.push_back(std::move(page));
    }
    auto pdf = TRY(pdf_from_jpegs(encoded, material));
    stored.pdf = stored.folder / (material + ".pdf");
    TRY(write_private_file(stored.pdf, pdf));
    stored.pdf_bytes = pdf.size();
    return stored;
}

Result<void> wipe_session_folder(const fs::path& session_folder) {
    std::error_code error;
    if (!fs::exists(fs::symlink_status(session_folder, error)))
        return {};
    if (fs::is_symlink(fs::symlink_status(session_folder, error))) { // never follow a link out of the folder
        fs::remove(session_folder, error);
        return {};
    }
    for (auto it = fs::recursive_directory_iterator(session_folder, error); !error && it != fs::end(it);
         it.increment(error))
        if (it->is_regular_file(error) && !it->is_symlink(error))
            truncate_and_unlink(it->path());
    fs::remove_all(session_folder, error);
    if (error)
        return make_error(ErrorCode::Io, "cannot remove " + session_folder.string() + ": " + error.message());
    return {};
}

} // namespace kiosk::scan
