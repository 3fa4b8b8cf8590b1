#include "calc.h"

int square(int x)
{
    return x * x;
}
