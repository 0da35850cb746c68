dnl Pogo: run PHP jobs on pools of worker threads.
PHP_ARG_ENABLE([pogo],
  [whether to enable Pogo],
  [AS_HELP_STRING([--enable-pogo], [Enable Pogo, worker-thread job pools (needs ZTS)])],
  [no])

PHP_ARG_ENABLE([pogo-werror],
  [whether to build Pogo with -Werror],
  [AS_HELP_STRING([--enable-pogo-werror], [Pogo: treat compiler warnings as errors])],
  [no], [no])

if test "$PHP_POGO" != "no"; then
  if test "$PHP_THREAD_SAFETY" != "yes"; then
    AC_MSG_WARN([this PHP is not thread-safe (NTS): Pogo builds, but its pools need a ZTS PHP and will refuse jobs])
  fi

  POGO_CFLAGS="-DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers"
  if test "$PHP_POGO_WERROR" != "no"; then
    POGO_CFLAGS="$POGO_CFLAGS -Werror"
  fi

  AC_CHECK_LIB([rt], [timer_create], [PHP_ADD_LIBRARY([rt], [], [POGO_SHARED_LIBADD])])
  PHP_ADD_LIBRARY([pthread], [], [POGO_SHARED_LIBADD])
  PHP_SUBST([POGO_SHARED_LIBADD])

  PHP_NEW_EXTENSION([pogo],
    [pogo.c dispatch.c await.c await_set.c outcome.c pogo_error.c pool.c pool_stop.c pool_config.c config_value.c pool_stats.c job.c job_queue.c job_sync.c job_waiter.c job_runner.c json_codec.c json_envelope.c value_codec.c value_decode.c value_path.c utf8.c sapi_guard.c worker.c worker_boot.c],
    [$ext_shared], [], [$POGO_CFLAGS])
  PHP_ADD_EXTENSION_DEP([pogo], [json])
  PHP_ADD_EXTENSION_DEP([pogo], [spl])
  PHP_ADD_MAKEFILE_FRAGMENT
fi
