#ifndef CALC_H
#define CALC_H

int square(int x);

#endif
