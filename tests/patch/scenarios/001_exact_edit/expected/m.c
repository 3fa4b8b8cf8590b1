#include <stdio.h>

long add(long a, long b)
{
  return a + b;
}

int main(void)
{
  printf("%d\n", add(1, 2));
  return 0;
}
