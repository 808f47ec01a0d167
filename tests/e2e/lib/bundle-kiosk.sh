# shellcheck shell=bash
# repo, out and kioskctl are the sourcing test's.
# shellcheck disable=SC2154
# Sourced by the e2e tests of config bundles (devctl-bundle.sh, bundle-health.sh,
# kiosk-stop-keeps-confirmation.sh). The sourcing test sets repo (the repository), out (its folder)
# and kioskctl (for bundle).

# bundle_kiosk_config: writes $out/kiosk.json, the repository's config serving from config slots in
# $out/state with data/ as the factory content, its own store, scans and drafts, and the TEST-ONLY
# fleet key trusted.
bundle_kiosk_config() {
    python3 - "$repo" "$out" <<'PY'
import json, sys
repo, out = sys.argv[1], sys.argv[2]
config = json.load(open(repo + "/data/config/kiosk.json"))
config["paths"] = {"content": repo + "/data", "config_slots": out + "/state", "database": out + "/kiosk.db",
                   "scans": out + "/scans", "drafts": out + "/drafts"}
config["bundles"] = {"trusted_keys": [open(repo + "/tests/fixtures/bundles/fleet-test.public-key").read().split()[-1]]}
json.dump(config, open(out + "/kiosk.json", "w"), ensure_ascii=False)
PY
}

# bundle NAME VERSION [CHANGE]: data/ copied to $out/NAME, changed by the python snippet CHANGE (run
# in that folder), built and signed as $out/NAME.owcb.
bundle() {
    local name=$1 version=$2 change=${3:-}
    rm -rf "${out:?}/$name" && cp -r "$repo/data" "$out/$name"
    [[ -z $change ]] || (cd "$out/$name" && python3 -c "$change")
    "$repo/scripts/sample-bundle" "$out/$name.owcb" --dir "$out/$name" --version "$version" \
        --kioskctl "$kioskctl" >/dev/null
}
