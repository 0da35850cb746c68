/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: e8656a9c4f48ef3257f42b2e7621624cd56bde72 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pogo_dispatch, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, class, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, args, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, pool, IS_STRING, 0, "\"default\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pogo_await, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, handle, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "5.0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pogo_await_all, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, handles, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "5.0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_pogo_await_any, 0, 1, MAY_BE_LONG|MAY_BE_STRING)
	ZEND_ARG_TYPE_INFO(0, handles, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "5.0")
ZEND_END_ARG_INFO()

#define arginfo_pogo_settle arginfo_pogo_await_all

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pogo_stats, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, pool, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pogo_pool_size, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, pool, IS_STRING, 0, "\"default\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pogo_worker_handle, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, handler, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Pogo_JobInterface_handle, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(pogo_dispatch);
ZEND_FUNCTION(pogo_await);
ZEND_FUNCTION(pogo_await_all);
ZEND_FUNCTION(pogo_await_any);
ZEND_FUNCTION(pogo_settle);
ZEND_FUNCTION(pogo_stats);
ZEND_FUNCTION(pogo_pool_size);
ZEND_FUNCTION(pogo_worker_handle);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(pogo_dispatch, arginfo_pogo_dispatch)
	ZEND_FE(pogo_await, arginfo_pogo_await)
	ZEND_FE(pogo_await_all, arginfo_pogo_await_all)
	ZEND_FE(pogo_await_any, arginfo_pogo_await_any)
	ZEND_FE(pogo_settle, arginfo_pogo_settle)
	ZEND_FE(pogo_stats, arginfo_pogo_stats)
	ZEND_FE(pogo_pool_size, arginfo_pogo_pool_size)
	ZEND_FE(pogo_worker_handle, arginfo_pogo_worker_handle)
	ZEND_FE_END
};


static const zend_function_entry class_Pogo_JobInterface_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(Pogo_JobInterface, handle, arginfo_class_Pogo_JobInterface_handle, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};


static const zend_function_entry class_Pogo_PogoException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Pogo_TimeoutException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Pogo_JobException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Pogo_WorkerException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Pogo_PoolException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Pogo_JobInterface(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Pogo", "JobInterface", class_Pogo_JobInterface_methods);
	class_entry = zend_register_internal_interface(&ce);

	return class_entry;
}

static zend_class_entry *register_class_Pogo_PogoException(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Pogo", "PogoException", class_Pogo_PogoException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}

static zend_class_entry *register_class_Pogo_TimeoutException(zend_class_entry *class_entry_Pogo_PogoException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Pogo", "TimeoutException", class_Pogo_TimeoutException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Pogo_PogoException);

	return class_entry;
}

static zend_class_entry *register_class_Pogo_JobException(zend_class_entry *class_entry_Pogo_PogoException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Pogo", "JobException", class_Pogo_JobException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Pogo_PogoException);

	zval property_remoteClass_default_value;
	ZVAL_UNDEF(&property_remoteClass_default_value);
	zend_string *property_remoteClass_name = zend_string_init("remoteClass", sizeof("remoteClass") - 1, 1);
	zend_declare_typed_property(class_entry, property_remoteClass_name, &property_remoteClass_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_remoteClass_name);

	zval property_remoteCode_default_value;
	ZVAL_UNDEF(&property_remoteCode_default_value);
	zend_string *property_remoteCode_name = zend_string_init("remoteCode", sizeof("remoteCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_remoteCode_name, &property_remoteCode_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_STRING));
	zend_string_release(property_remoteCode_name);

	zval property_remoteFile_default_value;
	ZVAL_UNDEF(&property_remoteFile_default_value);
	zend_string *property_remoteFile_name = zend_string_init("remoteFile", sizeof("remoteFile") - 1, 1);
	zend_declare_typed_property(class_entry, property_remoteFile_name, &property_remoteFile_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_remoteFile_name);

	zval property_remoteLine_default_value;
	ZVAL_UNDEF(&property_remoteLine_default_value);
	zend_string *property_remoteLine_name = zend_string_init("remoteLine", sizeof("remoteLine") - 1, 1);
	zend_declare_typed_property(class_entry, property_remoteLine_name, &property_remoteLine_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_remoteLine_name);

	zval property_remoteTrace_default_value;
	ZVAL_UNDEF(&property_remoteTrace_default_value);
	zend_string *property_remoteTrace_name = zend_string_init("remoteTrace", sizeof("remoteTrace") - 1, 1);
	zend_declare_typed_property(class_entry, property_remoteTrace_name, &property_remoteTrace_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_remoteTrace_name);

	return class_entry;
}

static zend_class_entry *register_class_Pogo_WorkerException(zend_class_entry *class_entry_Pogo_PogoException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Pogo", "WorkerException", class_Pogo_WorkerException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Pogo_PogoException);

	return class_entry;
}

static zend_class_entry *register_class_Pogo_PoolException(zend_class_entry *class_entry_Pogo_PogoException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Pogo", "PoolException", class_Pogo_PoolException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Pogo_PogoException);

	return class_entry;
}
