# Fails when a source file includes a header from a layer it must not depend on.
# Layers (docs/Architecture.md "Layers"), each folder a floor that includes only the floors below it:
#   core/ (base <- domain <- protocol, documents; store on base)  — shared by both programs
#   drivers/ <- services/ <- ui/ (toolkit knows nothing of the domain; scenes) <- kiosk/ (the program)
#   hub/ stands beside the kiosk on core/ alone.
# Run as: cmake [-DSOURCE_DIR=<tree>] -P cmake/CheckLayers.cmake (the check_layers target does, on
# every build). SOURCE_DIR defaults to this repository; tests/style points it at a scratch tree.
if(NOT DEFINED SOURCE_DIR)
    get_filename_component(SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()
# Each rule: <folder prefix>|<allowed include prefixes separated by ,>
set(RULES
    "core/base/|core/base/"
    "core/domain/|core/base/,core/domain/"
    "core/protocol/|core/base/,core/domain/,core/protocol/"
    "core/store/|core/base/,core/store/"
    "core/documents/|core/base/,core/domain/,core/documents/"
    "core/bundle/|core/base/,core/bundle/"
    "drivers/|core/base/,core/domain/,drivers/"
    "services/|core/,drivers/,services/"
    "ui/toolkit/|core/base/,ui/toolkit/"
    "ui/scenes/|core/base/,core/domain/,services/,ui/toolkit/,ui/scenes/"
    "kiosk/|core/,drivers/,services/,ui/,kiosk/"
    "hub/|core/,hub/"
)
set(violations "")
foreach(rule IN LISTS RULES)
    string(REPLACE "|" ";" parts "${rule}")
    list(GET parts 0 prefix)
    list(GET parts 1 allowed_text)
    string(REPLACE "," ";" allowed "${allowed_text}")
    file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/${prefix}*.h" "${SOURCE_DIR}/${prefix}*.cpp")
    foreach(f IN LISTS files)
        file(STRINGS "${SOURCE_DIR}/${f}" lines REGEX "^#include \"")
        foreach(line IN LISTS lines)
            string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" inc "${line}")
            if(NOT inc MATCHES "/")
                continue() # a header beside the file
            endif()
            set(ok FALSE)
            foreach(a IN LISTS allowed)
                string(FIND "${inc}" "${a}" pos)
                if(pos EQUAL 0)
                    set(ok TRUE)
                endif()
            endforeach()
            if(NOT ok)
                string(APPEND violations "  ${f}: includes \"${inc}\" (layer ${prefix} may use only: ${allowed})\n")
            endif()
        endforeach()
    endforeach()
endforeach()
if(violations)
    message(FATAL_ERROR "Layer violations:\n${violations}")
endif()
