# Reads one sanitizer report file; prints "inherent" for a report of leaks
# only, from a forked child of a threaded process (LSan's "was not
# suspended" warning: its registry still lists the parent's threads, and it
# says itself that false leaks are possible), and "report" for any other.
#
# Why a forked child's leaks are not Pogo's: the child has a copy of the
# parent's pool threads' memory (their TSRM globals, request heaps, function
# table copies, and references to data shared since module startup) but not
# the threads. Freeing it would run PHP's per-thread destructors over heaps
# that no thread of the child owns (that crashed every child at exit:
# "zend_mm_heap corrupted"), so the child makes TSRM forget those threads
# (pool.c, tsrm_forget()) and their copy goes with the child's address
# space. The parent's own leaks are still checked, and so is every other
# error in a child (use after free, overflow, UBSan).
/was not suspended\. False leaks are possible/ { forked = 1; next }
/ERROR: LeakSanitizer: detected memory leaks/ { leaks = 1; next }
/ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer)|runtime error:|UBSan report/ { other = 1 }
END { print (forked && leaks && !other) ? "inherent" : "report" }
