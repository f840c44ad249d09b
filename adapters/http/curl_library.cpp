#include "http/curl_library.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <stdexcept>

namespace etalon::adapters::http {

namespace {

// The soname of Debian's libcurl4 (OpenSSL flavour), whose headers etalon is built with.
constexpr const char* kLibraryName = "libcurl.so.4";

template <typename Function>
void Resolve(void* library, const char* name, Function& function) {
  void* symbol = dlsym(library, name);
  if (symbol == nullptr) {
    throw std::runtime_error(fmt::format("{} has no {}: {}", kLibraryName, name, dlerror()));
  }
  function = reinterpret_cast<Function>(symbol);
}

CurlLibrary Load() {
  // Never closed: libcurl keeps global state until the process ends.
  void* library = dlopen(kLibraryName, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    throw std::runtime_error(
        fmt::format("cannot load {} (Debian package libcurl4): {}", kLibraryName, dlerror()));
  }
  CurlLibrary curl;
  Resolve(library, "curl_easy_cleanup", curl.easy_cleanup);
  Resolve(library, "curl_easy_getinfo", curl.easy_getinfo);
  Resolve(library, "curl_easy_init", curl.easy_init);
  Resolve(library, "curl_easy_reset", curl.easy_reset);
  Resolve(library, "curl_easy_setopt", curl.easy_setopt);
  Resolve(library, "curl_easy_strerror", curl.easy_strerror);
  Resolve(library, "curl_getdate", curl.getdate);
  Resolve(library, "curl_mime_addpart", curl.mime_addpart);
  Resolve(library, "curl_mime_data", curl.mime_data);
  Resolve(library, "curl_mime_filedata", curl.mime_filedata);
  Resolve(library, "curl_mime_free", curl.mime_free);
  Resolve(library, "curl_mime_init", curl.mime_init);
  Resolve(library, "curl_mime_name", curl.mime_name);
  Resolve(library, "curl_mime_type", curl.mime_type);
  Resolve(library, "curl_multi_add_handle", curl.multi_add_handle);
  Resolve(library, "curl_multi_cleanup", curl.multi_cleanup);
  Resolve(library, "curl_multi_info_read", curl.multi_info_read);
  Resolve(library, "curl_multi_init", curl.multi_init);
  Resolve(library, "curl_multi_remove_handle", curl.multi_remove_handle);
  Resolve(library, "curl_multi_setopt", curl.multi_setopt);
  Resolve(library, "curl_multi_socket_action", curl.multi_socket_action);
  Resolve(library, "curl_slist_append", curl.slist_append);
  Resolve(library, "curl_slist_free_all", curl.slist_free_all);
  decltype(&::curl_global_init) global_init = nullptr;
  Resolve(library, "curl_global_init", global_init);
  if (const CURLcode code = global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
    throw std::runtime_error(fmt::format("{}: curl_global_init failed (code {})", kLibraryName, static_cast<int>(code)));
  }
  return curl;
}

}  // namespace

const CurlLibrary& Curl() {
  static const CurlLibrary library = Load();
  return library;
}

}  // namespace etalon::adapters::http
