#include <stdio.h>

static int add(int a, int b)
{
  return a + b;
}

int main(void)
{
  printf("%d\n", add(4, 5));
  return 0;
}
