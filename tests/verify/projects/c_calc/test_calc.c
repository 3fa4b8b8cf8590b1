#include "calc.h"

#include <stdio.h>

static int failures = 0;

static void check(int got, int want, const char* what)
{
    if (got != want) {
        printf("FAILED %s: got %d, want %d\n", what, got, want);
        failures++;
    }
}

int main(void)
{
    check(square(3), 9, "square(3)");
    check(square(-2), 4, "square(-2)");
    printf(failures ? "some tests failed\n" : "all tests passed\n");
    return failures ? 1 : 0;
}
