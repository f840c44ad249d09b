#pragma once

#include <curl/curl.h>

namespace etalon::adapters::http {

// libcurl's functions that etalon calls, resolved from libcurl.so.4 at run
// time (see Curl()).
struct CurlLibrary {
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_reset) easy_reset = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_getdate) getdate = nullptr;
  decltype(&::curl_mime_addpart) mime_addpart = nullptr;
  decltype(&::curl_mime_data) mime_data = nullptr;
  decltype(&::curl_mime_filedata) mime_filedata = nullptr;
  decltype(&::curl_mime_free) mime_free = nullptr;
  decltype(&::curl_mime_init) mime_init = nullptr;
  decltype(&::curl_mime_name) mime_name = nullptr;
  decltype(&::curl_mime_type) mime_type = nullptr;
  decltype(&::curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&::curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&::curl_multi_info_read) multi_info_read = nullptr;
  decltype(&::curl_multi_init) multi_init = nullptr;
  decltype(&::curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&::curl_multi_setopt) multi_setopt = nullptr;
  decltype(&::curl_multi_socket_action) multi_socket_action = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
};

// libcurl, loaded on first use rather than by the program loader. With the
// thirty libraries it brings (TLS, Kerberos, LDAP, SSH...), loading it takes
// about 3 ms: commands that send no HTTP request no longer pay it, and
// `etalon run` pays it on the HTTP loop's thread while its main thread checks
// the datasets (docs/performance.md). Thread-safe: the first call loads the
// library and runs curl_global_init. Throws std::runtime_error, naming the
// library and the loader's reason, when it cannot be loaded; a later call
// tries again.
const CurlLibrary& Curl();

}  // namespace etalon::adapters::http
